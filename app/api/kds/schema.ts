import { z } from "zod";
import { trimmed } from "../../../lib/orders/order-input.ts";

export const stationSchema = trimmed(60, "station").min(1, "station must not be empty");

/** `?station=NAME` on the kitchen board and its event stream; absent or empty = the expediter's board. */
const boardQuerySchema = z.object({
  station: z.preprocess((v) => (v === null || v === "" ? undefined : v), stationSchema.optional()),
});

export const parseBoardQuery = (request: Request) =>
  boardQuerySchema.parse({ station: new URL(request.url).searchParams.get("station") }).station ?? null;
