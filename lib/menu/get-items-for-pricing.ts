import type { PrismaClient } from "../generated/prisma/client.ts";
import type { MenuGroup, MenuItemForPricing } from "./menu-types.ts";

type Row = { id: string; name: string; basePriceCents: number; available: boolean; station: string | null; prepSeconds: number | null; groups: MenuGroup[] };

/**
 * The requested items with their option groups and options, as the pricing code needs
 * them, in one statement: the order path runs it on every order, so it must cost one
 * round trip, not one per relation.
 */
export async function getItemsForPricing(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  itemIds: string[];
}): Promise<Map<string, MenuItemForPricing>> {
  if (options.itemIds.length === 0) return new Map();
  const rows = await options.prisma.$queryRaw<Row[]>`
    SELECT i."id", i."name", i."basePriceCents", i."available", i."prepSeconds",
      (SELECT c."station" FROM "MenuCategory" c WHERE c."id" = i."categoryId") AS "station",
      COALESCE((
        SELECT json_agg(json_build_object(
            'id', g."id", 'name', g."name", 'minSelect', g."minSelect", 'maxSelect', g."maxSelect",
            'modifiers', COALESCE((
              SELECT json_agg(json_build_object(
                  'id', m."id", 'name', m."name", 'priceDeltaCents', m."priceDeltaCents",
                  'isDefault', m."isDefault", 'available', m."available", 'flag', m."dietaryFlag")
                ORDER BY m."sort", m."name")
              FROM "Modifier" m WHERE m."groupId" = g."id"), '[]'::json))
          ORDER BY g."sort", g."name")
        FROM "MenuItemModifierGroup" ig JOIN "ModifierGroup" g ON g."id" = ig."groupId"
        WHERE ig."itemId" = i."id"), '[]'::json) AS "groups"
    FROM "MenuItem" i
    WHERE i."id" = ANY(${options.itemIds}::text[])`;
  return new Map(rows.map((row) => [row.id, row]));
}
