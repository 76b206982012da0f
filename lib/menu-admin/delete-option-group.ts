import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { announceMenuChange, type MenuAdminContext } from "./menu-admin-context.ts";

/**
 * Deletes an option group with its options and takes it off every item. Orders keep
 * their options as a snapshot (OrderItem.options), so history does not depend on it.
 */
export async function deleteOptionGroup(options: MenuAdminContext & { id: string }): Promise<void> {
  const { prisma, actor, id } = options;
  await prisma.$transaction(async (tx) => {
    const group = await tx.modifierGroup.findUnique({ where: { id }, select: { name: true, _count: { select: { items: true } } } });
    if (!group) throw new AppError("NOT_FOUND", "That option group no longer exists");
    await tx.menuItemModifierGroup.deleteMany({ where: { groupId: id } });
    await tx.modifier.deleteMany({ where: { groupId: id } });
    await tx.modifierGroup.delete({ where: { id } });
    await announceMenuChange(tx, "ModifierGroup");
    const summary = `Deleted option group ${group.name}${group._count.items > 0 ? ` (was on ${group._count.items} item(s))` : ""}`;
    await recordStaffAction({ tx, actor, action: "menu.group.delete", summary, details: { id } });
  });
}
