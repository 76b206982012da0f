import { z } from "zod";
import { kdsSettingsPatchSchema } from "../../../../lib/kitchen/update-kds-settings.ts";
import { MAX_PAUSE_MINUTES } from "../../../../lib/store/pause-ordering.ts";
import { storeSettingsPatchSchema } from "../../../../lib/store/write-store-settings.ts";

/** The store page saves the store's settings and the kitchen's timings together. */
export const storeBodySchema = z.strictObject({
  store: storeSettingsPatchSchema.omit({ pausedUntil: true }).optional(),
  kitchen: kdsSettingsPatchSchema.optional(),
});

export const pauseBodySchema = z.strictObject({
  minutes: z
    .number({ error: "minutes must be a number" })
    .int("minutes must be whole")
    .min(0, "minutes cannot be negative")
    .max(MAX_PAUSE_MINUTES, `at most ${MAX_PAUSE_MINUTES} minutes`),
});
