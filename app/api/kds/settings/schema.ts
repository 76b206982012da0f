import { z } from "zod";

const seconds = (name: string) =>
  z
    .number({ error: `${name} must be a number of seconds` })
    .int(`${name} must be a whole number of seconds`)
    .min(30, `${name} must be at least 30 seconds`)
    .max(3600, `${name} must be at most 3600 seconds (an hour)`)
    .optional();

/** What the kitchen may change; fields left out stay as they are. Also the store page's `kitchen` part. */
export const kdsSettingsPatchSchema = z.strictObject({
  warnAfterSeconds: seconds("warnAfterSeconds"),
  lateAfterSeconds: seconds("lateAfterSeconds"),
  boardReadySeconds: seconds("boardReadySeconds"),
});
