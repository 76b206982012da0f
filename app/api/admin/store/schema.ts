import { z } from "zod";
import { slotSettingsSchema } from "../../../../lib/store/slot-settings.ts";
import { MAX_PAUSE_MINUTES } from "../../../../lib/store/pause-ordering.ts";
import { openingHoursSchema } from "../../../../lib/store/opening-hours.ts";
import { kdsSettingsPatchSchema } from "../../kds/settings/schema.ts";

/** What the store page may change; fields left out stay as they are, null clears one (the pause has its own route). */
const storeSettingsPatchSchema = z.strictObject({
  acceptingOrders: z.boolean({ error: "acceptingOrders must be true or false" }).optional(),
  openingHours: openingHoursSchema.nullable().optional(),
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
  /** true: menu prices include the tax (VAT); false: the tax is added at checkout (US sales tax). */
  pricesIncludeTax: z.boolean({ error: "pricesIncludeTax must be true or false" }).optional(),
  /** Ordering ahead for a pickup time: on/off, slot length, drinks per slot, per-weekday overrides ({} = none). */
  ...slotSettingsSchema.partial().shape,
});

/** The store page saves the store's settings and the kitchen's timings together. */
export const storeBodySchema = z.strictObject({
  store: storeSettingsPatchSchema.optional(),
  kitchen: kdsSettingsPatchSchema.optional(),
});

export const pauseBodySchema = z.strictObject({
  minutes: z
    .number({ error: "minutes must be a number" })
    .int("minutes must be whole")
    .min(0, "minutes cannot be negative")
    .max(MAX_PAUSE_MINUTES, `at most ${MAX_PAUSE_MINUTES} minutes`),
});
