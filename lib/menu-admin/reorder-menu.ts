import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import { announceMenuChange, type MenuAdminContext, type Tx } from "./menu-admin-context.ts";
import type { MenuKind } from "./menu-input.ts";

// Each kind's table, and the parent its siblings share (a reorder stays within it).
const TABLES: Record<MenuKind, { table: string; parent: string | null }> = {
  category: { table: "MenuCategory", parent: null },
  item: { table: "MenuItem", parent: "categoryId" },
  group: { table: "ModifierGroup", parent: null },
  option: { table: "Modifier", parent: "groupId" },
};

/** Puts siblings in the order given (sort = position), in one statement. The route checked the list's shape (reorderInputSchema); this checks it against the menu. */
export async function reorderMenu(options: MenuAdminContext & { input: { kind: MenuKind; ids: string[] } }): Promise<void> {
  const { prisma, actor } = options;
  const { kind, ids } = options.input;
  const { table, parent } = TABLES[kind];
  await prisma.$transaction(async (tx: Tx) => {
    // Table and column names come from the constant map above, never from the request.
    const parents = await tx.$queryRawUnsafe<{ parent: string | null }[]>(
      `SELECT DISTINCT ${parent ? `"${parent}"` : "NULL::text"} AS parent FROM "${table}" WHERE "id" = ANY($1::text[])`,
      ids,
    );
    const count = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "id" = ANY($1::text[])`, ids);
    if (count[0]!.n !== ids.length) throw new AppError("NOT_FOUND", "Something in that list no longer exists: reload the page");
    if (parents.length > 1) throw new AppError("VALIDATION", `Only ${kind}s of one list can be reordered together`);
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" AS t SET "sort" = o.pos - 1 FROM unnest($1::text[]) WITH ORDINALITY AS o(id, pos) WHERE t."id" = o.id`,
      ids,
    );
    if (kind === "group") await announceMenuChange(tx, "ModifierGroup");
    await recordStaffAction({ tx, actor, action: `menu.${kind}.reorder`, summary: `Reordered ${kind}s`, details: { ids } });
  });
}
