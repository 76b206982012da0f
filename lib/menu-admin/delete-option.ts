import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import type { MenuAdminContext } from "./menu-admin-context.ts";

/** Deletes an option; past orders keep it in their snapshot (OrderItem.options), so nothing refers to it. */
export async function deleteOption(options: MenuAdminContext & { id: string }): Promise<void> {
  const { prisma, actor, id } = options;
  await prisma.$transaction(async (tx) => {
    const option = await tx.modifier.findUnique({ where: { id }, select: { name: true, group: { select: { name: true } } } });
    if (!option) throw new AppError("NOT_FOUND", "That option no longer exists");
    await tx.modifier.delete({ where: { id } });
    await recordStaffAction({ tx, actor, action: "menu.option.delete", summary: `Deleted ${option.name} from ${option.group.name}`, details: { id } });
  });
}
