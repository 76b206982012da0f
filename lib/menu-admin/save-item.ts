import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { describeAvailability, describeChanges, money, type FieldSpec } from "./describe-changes.ts";
import { announceMenuChange, newMenuId, nextSort, type MenuAdminContext, type Tx } from "./menu-admin-context.ts";
import { itemInputSchema, itemPatchSchema, type ItemInput } from "./menu-input.ts";
import { formatPrepTime } from "./prep-time-input.ts";

export type SavedItem = { id: string; name: string; description: string; basePriceCents: number; categoryId: string; available: boolean; image: string | null; groupIds: string[]; prepSeconds: number | null };

type ItemFields = Omit<SavedItem, "id">;

const SPECS: FieldSpec<ItemFields>[] = [
  { key: "basePriceCents", label: "Price", format: money },
  { key: "description", label: "Description", quiet: true },
  { key: "categoryId", label: "Category" },
  { key: "image", label: "Picture", quiet: true },
  { key: "groupIds", label: "Options", format: (v) => (Array.isArray(v) && v.length > 0 ? v.join(", ") : "none") },
  { key: "prepSeconds", label: "Prep time", format: (v) => formatPrepTime(typeof v === "number" ? v : null) },
];

async function checkReferences(tx: Tx, input: { categoryId?: string; groupIds?: string[] }) {
  if (input.categoryId && (await tx.menuCategory.count({ where: { id: input.categoryId } })) === 0) {
    throw new AppError("VALIDATION", "That category no longer exists", { fields: { categoryId: "choose a category" } });
  }
  if (input.groupIds && input.groupIds.length > 0) {
    const found = await tx.modifierGroup.count({ where: { id: { in: input.groupIds } } });
    if (found !== new Set(input.groupIds).size) throw new AppError("VALIDATION", "An option group no longer exists", { fields: { groupIds: "reload and choose again" } });
  }
}

const selectItem = { id: true, name: true, description: true, basePriceCents: true, categoryId: true, available: true, image: true, prepSeconds: true, modifierGroups: { select: { groupId: true } } } as const;

/** Creates an item at the end of its category (no id) or changes one (only the fields sent); groupIds replaces its option groups. */
export async function saveItem(options: MenuAdminContext & { id?: string; input: Partial<ItemInput> }): Promise<SavedItem> {
  const { prisma, actor } = options;
  return prisma.$transaction(async (tx) => {
    const patch = options.id ? itemPatchSchema.parse(options.input) : itemInputSchema.parse(options.input);
    await checkReferences(tx, patch);
    const { groupIds, ...fields } = patch;
    let before: SavedItem | null = null;
    let id = options.id;
    if (id) {
      const row = await tx.menuItem.findUnique({ where: { id }, select: selectItem });
      if (!row) throw new AppError("NOT_FOUND", "That item no longer exists");
      const { modifierGroups, ...rest } = row;
      before = { ...rest, groupIds: modifierGroups.map((g) => g.groupId) };
      await tx.menuItem.update({ where: { id }, data: fields });
    } else {
      const created = itemInputSchema.parse(options.input);
      id = await newMenuId(async (id) => (await tx.menuItem.count({ where: { id } })) > 0, created.name);
      const sort = nextSort(await tx.menuItem.aggregate({ where: { categoryId: created.categoryId }, _max: { sort: true } }));
      await tx.menuItem.create({ data: { id, sort, ...fields, name: created.name, basePriceCents: created.basePriceCents, categoryId: created.categoryId } });
    }
    if (groupIds) {
      await tx.menuItemModifierGroup.deleteMany({ where: { itemId: id } });
      await tx.menuItemModifierGroup.createMany({ data: [...new Set(groupIds)].map((groupId) => ({ itemId: id, groupId })) });
      await announceMenuChange(tx, "MenuItemModifierGroup");
    }
    const saved = await tx.menuItem.findUniqueOrThrow({ where: { id }, select: selectItem });
    const { modifierGroups, ...rest } = saved;
    const after: SavedItem = { ...rest, groupIds: modifierGroups.map((g) => g.groupId) };
    const lines = before ? describeChanges(before, patch, SPECS) : [`Added ${after.name} at ${money(after.basePriceCents)}`];
    if (before && "available" in patch && patch.available !== before.available) lines.push(describeAvailability(after.name, after.available));
    if (lines.length > 0) {
      await recordStaffAction({ tx, actor, action: before ? "menu.item.update" : "menu.item.create", summary: lines.join("; "), details: { id, ...patch } });
    }
    return after;
  });
}
