import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import type { MenuAdminContext } from "./menu-admin-context.ts";

const ORDERED_BEFORE = "has been ordered before, so it stays for the order history: switch it off (sold out) to take it off sale";

/**
 * Deletes an item nobody has ordered yet (a mistake, a test). One that was ordered is
 * refused: OrderItem rows point at it, and the menu has no archive flag yet (schema
 * change requested), so the manager switches it off instead.
 */
export async function deleteItem(options: MenuAdminContext & { id: string }): Promise<void> {
  const { prisma, actor, id } = options;
  await prisma.$transaction(async (tx) => {
    const item = await tx.menuItem.findUnique({ where: { id }, select: { name: true, _count: { select: { orderItems: true } } } });
    if (!item) throw new AppError("NOT_FOUND", "That item no longer exists");
    if (item._count.orderItems > 0) throw new AppError("CONFLICT", `${item.name} ${ORDERED_BEFORE}`);
    await tx.menuItemModifierGroup.deleteMany({ where: { itemId: id } });
    await tx.menuItem.delete({ where: { id } });
    await recordStaffAction({ tx, actor, action: "menu.item.delete", summary: `Deleted ${item.name}`, details: { id } });
  });
}
