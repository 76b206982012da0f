import { z } from "zod";

/** A slot's start as an ISO 8601 instant (with its offset, as the dashboard sends it) and the state it should be in. */
export const pauseSlotBodySchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true, error: "startsAt must be an ISO 8601 date and time, e.g. 2026-12-05T08:15:00Z" }),
  paused: z.boolean({ error: "paused must be true or false" }),
});
