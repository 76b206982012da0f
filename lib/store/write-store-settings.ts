import { Prisma } from "../generated/prisma/client.ts";
import type { SlotSettings } from "./slot-settings.ts";
import { openingHoursSchema, type OpeningHours } from "./opening-hours.ts";
import { slotSettingsOf } from "./read-slot-settings.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";

/**
 * What staff may change; fields left out stay as they are, null clears one (an empty
 * slotDrinksByWeekday clears the overrides). Its shape is checked by the route that
 * receives it (app/api/admin/store/schema.ts).
 */
export type StoreSettingsPatch = Partial<SlotSettings> & {
  acceptingOrders?: boolean;
  openingHours?: OpeningHours | null;
  pausedUntil?: Date | null;
  maxOpenOrders?: number | null;
  taxRateBasisPoints?: number;
  pricesIncludeTax?: boolean;
};

/** The settings a manager edits: what customers' ordering depends on, and the pickup slots. */
export type StoreAdminSettings = StoreSettingsSnapshot & SlotSettings;

// A JSON column is cleared with DbNull: a plain null would be ambiguous to Prisma.
const jsonOrNull = <T extends object>(value: T | null | undefined) => (value === undefined ? undefined : (value ?? Prisma.DbNull));

/**
 * Writes a patch to the settings row, and nothing else: no actor, no audit log (a staff
 * member's change goes through changeStoreSettingsAsStaff, which calls this in its
 * transaction; tests call it directly to set the store up). The row's trigger announces
 * the change on menu_changed, so open customer pages refresh the store's state.
 */
export async function writeStoreSettings(options: {
  prisma: Pick<Prisma.TransactionClient, "storeSettings">;
  patch: StoreSettingsPatch;
}): Promise<StoreAdminSettings> {
  const { openingHours, slotDrinksByWeekday, ...rest } = options.patch;
  // No per-weekday overrides are stored as null, as "none" reads everywhere else.
  const overrides = slotDrinksByWeekday && Object.keys(slotDrinksByWeekday).length === 0 ? null : slotDrinksByWeekday;
  const data = { ...rest, openingHours: jsonOrNull(openingHours), slotDrinksByWeekday: jsonOrNull(overrides) };
  const row = await options.prisma.storeSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return {
    acceptingOrders: row.acceptingOrders,
    openingHours: openingHoursSchema.nullable().parse(row.openingHours),
    pausedUntil: row.pausedUntil,
    maxOpenOrders: row.maxOpenOrders,
    taxRateBasisPoints: row.taxRateBasisPoints,
    pricesIncludeTax: row.pricesIncludeTax,
    ...slotSettingsOf(row),
  };
}
