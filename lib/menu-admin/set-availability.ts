import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { describeAvailability } from "./describe-changes.ts";
import type { MenuAdminContext } from "./menu-admin-context.ts";

export type Availability = { kind: "item" | "option"; id: string; name: string; available: boolean };

/**
 * 86s an item or an option (or puts it back) in one statement. The table's trigger
 * announces it, so open menu pages grey it out within a second, and placeOrder reads
 * the flag on every order.
 */
export async function setAvailability(options: MenuAdminContext & { input: { kind: "item" | "option"; id: string; available: boolean } }): Promise<Availability> {
  const { prisma, actor } = options;
  const { kind, id, available } = options.input;
  return prisma.$transaction(async (tx) => {
    const where = { id };
    const data = { available };
    const select = { name: true } as const;
    let row: { name: string };
    try {
      row = kind === "item" ? await tx.menuItem.update({ where, data, select }) : await tx.modifier.update({ where, data, select });
    } catch (error) {
      if ((error as { code?: string }).code === "P2025") throw new AppError("NOT_FOUND", `That ${kind} no longer exists`);
      throw error;
    }
    await recordStaffAction({ tx, actor, action: `menu.${kind}.availability`, summary: describeAvailability(row.name, available), details: { id, available } });
    return { kind, id, name: row.name, available };
  });
}
