import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { describeChanges } from "./describe-changes.ts";
import { announceMenuChange, newMenuId, nextSort, type MenuAdminContext } from "./menu-admin-context.ts";
import { groupInputSchema, groupPatchSchema, type GroupInput } from "./menu-input.ts";

export type GroupRow = { id: string; name: string; minSelect: number; maxSelect: number; sort: number };

/** Creates an option group (no id) or changes one; a customer must be able to pick at least minSelect of at most maxSelect. */
export async function saveOptionGroup(options: MenuAdminContext & { id?: string; input: Partial<GroupInput> }): Promise<GroupRow> {
  const { prisma, actor } = options;
  return prisma.$transaction(async (tx) => {
    const before = options.id ? await tx.modifierGroup.findUnique({ where: { id: options.id } }) : null;
    if (options.id && !before) throw new AppError("NOT_FOUND", "That option group no longer exists");
    const patch = before ? groupPatchSchema.parse(options.input) : groupInputSchema.parse(options.input);
    const merged = { minSelect: 0, maxSelect: 1, ...before, ...patch };
    if (merged.minSelect > merged.maxSelect) {
      throw new AppError("VALIDATION", "The minimum cannot be more than the maximum", { fields: { minSelect: "must not be more than the maximum" } });
    }
    let row: GroupRow;
    if (before) {
      row = await tx.modifierGroup.update({ where: { id: before.id }, data: patch });
    } else {
      const input = groupInputSchema.parse(options.input);
      const id = await newMenuId(async (id) => (await tx.modifierGroup.count({ where: { id } })) > 0, input.name);
      row = await tx.modifierGroup.create({ data: { id, sort: nextSort(await tx.modifierGroup.aggregate({ _max: { sort: true } })), ...input } });
    }
    await announceMenuChange(tx, "ModifierGroup");
    const lines = before
      ? describeChanges(before, patch, [
          { key: "minSelect", label: "Minimum choices" },
          { key: "maxSelect", label: "Maximum choices" },
        ])
      : [`Added option group ${row.name}`];
    if (lines.length > 0) {
      await recordStaffAction({ tx, actor, action: before ? "menu.group.update" : "menu.group.create", summary: lines.join("; "), details: { ...row } });
    }
    return row;
  });
}
