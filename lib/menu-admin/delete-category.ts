import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import type { MenuAdminContext } from "./menu-admin-context.ts";

/** Removes an empty category; one with drinks in it is refused (move or delete them first). */
export async function deleteCategory(options: MenuAdminContext & { id: string }): Promise<void> {
  const { prisma, actor, id } = options;
  await prisma.$transaction(async (tx) => {
    const category = await tx.menuCategory.findUnique({ where: { id }, select: { name: true, _count: { select: { items: true } } } });
    if (!category) throw new AppError("NOT_FOUND", "That category no longer exists");
    if (category._count.items > 0) {
      throw new AppError("CONFLICT", `${category.name} still has ${category._count.items} item(s): move or delete them first`);
    }
    await tx.menuCategory.delete({ where: { id } });
    await recordStaffAction({ tx, actor, action: "menu.category.delete", summary: `Deleted category ${category.name}`, details: { id } });
  });
}
