import type { PrismaClient } from "../generated/prisma/client.ts";

export type AdminOption = { id: string; name: string; priceDeltaCents: number; isDefault: boolean; available: boolean; dietaryFlag: string | null };
export type AdminGroup = { id: string; name: string; minSelect: number; maxSelect: number; options: AdminOption[]; itemCount: number };
export type AdminItem = {
  id: string;
  name: string;
  description: string;
  basePriceCents: number;
  categoryId: string;
  available: boolean;
  image: string | null;
  groupIds: string[];
  /** Seconds its scheduled orders reach the kitchen before pickup; null = automatic (recent prep times). */
  prepSeconds: number | null;
  /** Ordered at least once: it cannot be deleted, only switched off. */
  ordered: boolean;
};
export type AdminCategory = { id: string; name: string; station: string | null; items: AdminItem[] };
export type MenuAdminView = { categories: AdminCategory[]; groups: AdminGroup[] };

const bySort = [{ sort: "asc" as const }, { name: "asc" as const }];

/** The whole menu as the editor shows it: empty categories, sold-out items and unused groups included. */
export async function getMenuAdmin(options: { prisma: PrismaClient }): Promise<MenuAdminView> {
  const { prisma } = options;
  const [categories, groups, ordered] = await Promise.all([
    prisma.menuCategory.findMany({
      orderBy: bySort,
      select: {
        id: true,
        name: true,
        station: true,
        items: {
          orderBy: bySort,
          select: { id: true, name: true, description: true, basePriceCents: true, categoryId: true, available: true, image: true, prepSeconds: true, modifierGroups: { select: { groupId: true } } },
        },
      },
    }),
    prisma.modifierGroup.findMany({
      orderBy: bySort,
      select: {
        id: true,
        name: true,
        minSelect: true,
        maxSelect: true,
        _count: { select: { items: true } },
        modifiers: { orderBy: bySort, select: { id: true, name: true, priceDeltaCents: true, isDefault: true, available: true, dietaryFlag: true } },
      },
    }),
    prisma.orderItem.groupBy({ by: ["menuItemId"] }),
  ]);
  const orderedIds = new Set(ordered.map((o) => o.menuItemId));
  return {
    categories: categories.map((c) => ({
      ...c,
      items: c.items.map(({ modifierGroups, ...item }) => ({ ...item, groupIds: modifierGroups.map((g) => g.groupId), ordered: orderedIds.has(item.id) })),
    })),
    groups: groups.map(({ modifiers, _count, ...g }) => ({ ...g, options: modifiers, itemCount: _count.items })),
  };
}
