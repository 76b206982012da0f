import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { describeAvailability, describeChanges, money, yesNo, type FieldSpec } from "./describe-changes.ts";
import { newMenuId, nextSort, type MenuAdminContext, type Tx } from "./menu-admin-context.ts";
import { optionInputSchema, optionPatchSchema, type OptionInput } from "./menu-input.ts";

export type OptionRow = { id: string; groupId: string; name: string; priceDeltaCents: number; isDefault: boolean; available: boolean; dietaryFlag: string | null; sort: number };

const SPECS: FieldSpec<OptionRow>[] = [
  { key: "priceDeltaCents", label: "Price difference", format: money },
  { key: "isDefault", label: "Default", format: yesNo },
  { key: "dietaryFlag", label: "Dietary flag" },
];

/** In a single-choice group only one option can be the one picked for the customer. */
async function keepOneDefault(tx: Tx, option: OptionRow) {
  if (!option.isDefault) return;
  const group = await tx.modifierGroup.findUniqueOrThrow({ where: { id: option.groupId }, select: { maxSelect: true } });
  if (group.maxSelect === 1) await tx.modifier.updateMany({ where: { groupId: option.groupId, id: { not: option.id }, isDefault: true }, data: { isDefault: false } });
}

/** Creates an option at the end of its group (no id) or changes one (only the fields sent). */
export async function saveOption(options: MenuAdminContext & { id?: string; input: Partial<OptionInput> }): Promise<OptionRow> {
  const { prisma, actor } = options;
  return prisma.$transaction(async (tx) => {
    let row: OptionRow;
    let lines: string[];
    if (options.id) {
      const patch = optionPatchSchema.parse(options.input);
      const before = await tx.modifier.findUnique({ where: { id: options.id } });
      if (!before) throw new AppError("NOT_FOUND", "That option no longer exists");
      row = await tx.modifier.update({ where: { id: before.id }, data: patch });
      lines = describeChanges(before, patch, SPECS);
      if (patch.available !== undefined && patch.available !== before.available) lines.push(describeAvailability(row.name, row.available));
    } else {
      const input = optionInputSchema.parse(options.input);
      const group = await tx.modifierGroup.findUnique({ where: { id: input.groupId }, select: { name: true } });
      if (!group) throw new AppError("VALIDATION", "That option group no longer exists", { fields: { groupId: "reload and try again" } });
      const id = await newMenuId(async (id) => (await tx.modifier.count({ where: { id } })) > 0, `${input.groupId}-${input.name}`);
      const sort = nextSort(await tx.modifier.aggregate({ where: { groupId: input.groupId }, _max: { sort: true } }));
      row = await tx.modifier.create({ data: { id, sort, ...input } });
      lines = [`Added ${row.name} to ${group.name}${row.priceDeltaCents ? ` at ${money(row.priceDeltaCents)}` : ""}`];
    }
    await keepOneDefault(tx, row);
    if (lines.length > 0) {
      await recordStaffAction({ tx, actor, action: options.id ? "menu.option.update" : "menu.option.create", summary: lines.join("; "), details: { ...row } });
    }
    return row;
  });
}
