import type { PrismaClient } from "../generated/prisma/client.ts";
import type { MenuItemForPricing } from "./menu-types.ts";

export type MenuCategoryView = {
  id: string;
  name: string;
  /** image: a path under public/ (e.g. /menu/latte.svg), or null for none. */
  items: (MenuItemForPricing & { description: string; image: string | null })[];
};

/** The whole menu, ordered for display (pricing reads the same tables: get-items-for-pricing). */
export async function getMenu(options: { prisma: PrismaClient }): Promise<MenuCategoryView[]> {
  const categories = await options.prisma.menuCategory.findMany({
    orderBy: [{ sort: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      items: {
        orderBy: [{ sort: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          description: true,
          image: true,
          basePriceCents: true,
          available: true,
          modifierGroups: {
            orderBy: { group: { sort: "asc" } },
            select: {
              group: {
                select: {
                  id: true,
                  name: true,
                  minSelect: true,
                  maxSelect: true,
                  modifiers: {
                    orderBy: [{ sort: "asc" }, { name: "asc" }],
                    select: { id: true, name: true, priceDeltaCents: true, isDefault: true, available: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  return categories
    .map((c) => ({
      id: c.id,
      name: c.name,
      items: c.items.map(({ modifierGroups, ...item }) => ({ ...item, groups: modifierGroups.map((g) => g.group) })),
    }))
    .filter((c) => c.items.length > 0);
}
