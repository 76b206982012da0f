import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { openingHoursSchema } from "./opening-hours.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";

/** What staff may change; fields left out stay as they are, null clears one. */
export const storeSettingsPatchSchema = z.strictObject({
  acceptingOrders: z.boolean({ error: "acceptingOrders must be true or false" }).optional(),
  openingHours: openingHoursSchema.nullable().optional(),
  pausedUntil: z.coerce.date({ error: "pausedUntil must be a date and time" }).nullable().optional(),
  maxOpenOrders: z
    .number({ error: "maxOpenOrders must be a number" })
    .int("maxOpenOrders must be a whole number")
    .min(1, "maxOpenOrders must be at least 1 (or null for no limit)")
    .max(10_000)
    .nullable()
    .optional(),
  taxRateBasisPoints: z
    .number({ error: "taxRateBasisPoints must be a number" })
    .int("taxRateBasisPoints must be a whole number (825 = 8.25 %)")
    .min(0)
    .max(10_000, "taxRateBasisPoints must be at most 10000 (100 %)")
    .optional(),
});

export type StoreSettingsPatch = z.input<typeof storeSettingsPatchSchema>;

/**
 * Validates and writes a patch to the settings row, and nothing else: no actor, no
 * audit log (a staff member's change goes through changeStoreSettingsAsStaff, which
 * calls this; tests call it directly to set the store up). The row's trigger announces
 * the change on menu_changed, so open customer pages refresh the store's state.
 */
export async function writeStoreSettings(options: {
  prisma: Pick<PrismaClient, "storeSettings">;
  patch: StoreSettingsPatch;
}): Promise<StoreSettingsSnapshot> {
  const { openingHours, ...rest } = storeSettingsPatchSchema.parse(options.patch);
  // A JSON column is cleared with DbNull: a plain null would be ambiguous to Prisma.
  const data = { ...rest, ...(openingHours === undefined ? {} : { openingHours: openingHours ?? Prisma.DbNull }) };
  const row = await options.prisma.storeSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return {
    acceptingOrders: row.acceptingOrders,
    openingHours: openingHoursSchema.nullable().parse(row.openingHours),
    pausedUntil: row.pausedUntil,
    maxOpenOrders: row.maxOpenOrders,
    taxRateBasisPoints: row.taxRateBasisPoints,
  };
}
