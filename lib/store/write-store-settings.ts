import { Prisma } from "../generated/prisma/client.ts";
import { openingHoursSchema, type OpeningHours } from "./opening-hours.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";

/**
 * What staff may change; fields left out stay as they are, null clears one. Its shape
 * is checked by the route that receives it (app/api/admin/store/schema.ts).
 */
export type StoreSettingsPatch = {
  acceptingOrders?: boolean;
  openingHours?: OpeningHours | null;
  pausedUntil?: Date | null;
  maxOpenOrders?: number | null;
  taxRateBasisPoints?: number;
  pricesIncludeTax?: boolean;
};

/**
 * Writes a patch to the settings row, and nothing else: no actor, no audit log (a staff
 * member's change goes through changeStoreSettingsAsStaff, which calls this in its
 * transaction; tests call it directly to set the store up). The row's trigger announces
 * the change on menu_changed, so open customer pages refresh the store's state.
 */
export async function writeStoreSettings(options: {
  prisma: Pick<Prisma.TransactionClient, "storeSettings">;
  patch: StoreSettingsPatch;
}): Promise<StoreSettingsSnapshot> {
  const { openingHours, ...rest } = options.patch;
  // A JSON column is cleared with DbNull: a plain null would be ambiguous to Prisma.
  const data = { ...rest, ...(openingHours === undefined ? {} : { openingHours: openingHours ?? Prisma.DbNull }) };
  const row = await options.prisma.storeSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return {
    acceptingOrders: row.acceptingOrders,
    openingHours: openingHoursSchema.nullable().parse(row.openingHours),
    pausedUntil: row.pausedUntil,
    maxOpenOrders: row.maxOpenOrders,
    taxRateBasisPoints: row.taxRateBasisPoints,
    pricesIncludeTax: row.pricesIncludeTax,
  };
}
