import type { PrismaClient } from "../generated/prisma/client.ts";
import { categories, modifierGroups } from "./cafe-menu.ts";

/** Seeds the starter menu once: does nothing when any menu item already exists. */
export async function seedMenu(options: { prisma: PrismaClient }): Promise<{ seeded: boolean }> {
  const { prisma } = options;
  if ((await prisma.menuItem.count()) > 0) return { seeded: false };
  await prisma.$transaction(async (tx) => {
    for (const [sort, g] of modifierGroups.entries()) {
      await tx.modifierGroup.create({
        data: {
          id: g.id,
          name: g.name,
          minSelect: g.minSelect,
          maxSelect: g.maxSelect,
          sort,
          modifiers: {
            create: g.modifiers.map(([id, name, priceDeltaCents, isDefault, dietaryFlag], i) => ({
              id,
              name,
              priceDeltaCents,
              isDefault: isDefault ?? false,
              dietaryFlag: dietaryFlag ?? null,
              sort: i,
            })),
          },
        },
      });
    }
    for (const [sort, c] of categories.entries()) {
      await tx.menuCategory.create({ data: { id: c.id, name: c.name, station: c.station, sort } });
      for (const [i, item] of c.items.entries()) {
        await tx.menuItem.create({
          data: {
            id: item.id,
            categoryId: c.id,
            name: item.name,
            description: item.description,
            image: item.image,
            basePriceCents: item.basePriceCents,
            sort: i,
            modifierGroups: { create: item.groups.map((groupId) => ({ groupId })) },
          },
        });
      }
    }
  });
  return { seeded: true };
}
