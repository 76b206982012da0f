import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { describeChanges } from "./describe-changes.ts";
import { newMenuId, nextSort, type MenuAdminContext } from "./menu-admin-context.ts";
import { categoryInputSchema, categoryPatchSchema, type CategoryInput } from "./menu-input.ts";

export type CategoryRow = { id: string; name: string; sort: number; station: string | null };

/** Creates a category at the end of the menu (no id) or changes one (only the fields sent). */
export async function saveCategory(options: MenuAdminContext & { id?: string; input: Partial<CategoryInput> }): Promise<CategoryRow> {
  const { prisma, actor } = options;
  return prisma.$transaction(async (tx) => {
    if (!options.id) {
      const input = categoryInputSchema.parse(options.input);
      const id = await newMenuId(async (id) => (await tx.menuCategory.count({ where: { id } })) > 0, input.name);
      const sort = nextSort(await tx.menuCategory.aggregate({ _max: { sort: true } }));
      const row = await tx.menuCategory.create({ data: { id, sort, ...input } });
      await recordStaffAction({ tx, actor, action: "menu.category.create", summary: `Added category ${row.name}`, details: row });
      return row;
    }
    const patch = categoryPatchSchema.parse(options.input);
    const before = await tx.menuCategory.findUnique({ where: { id: options.id } });
    if (!before) throw new AppError("NOT_FOUND", "That category no longer exists");
    const row = await tx.menuCategory.update({ where: { id: options.id }, data: patch });
    const lines = describeChanges(before, patch, [{ key: "station", label: "Station" }]);
    if (lines.length > 0) await recordStaffAction({ tx, actor, action: "menu.category.update", summary: lines.join("; "), details: { id: row.id, ...patch } });
    return row;
  });
}
