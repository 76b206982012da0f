import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { OPEN_STATUSES_SQL } from "./open-statuses.ts";
import { openingHoursSchema, type OpeningHours } from "./opening-hours.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";

type Row = Omit<StoreSettingsSnapshot, "openingHours"> & { openingHours: unknown; openOrders: number | null };

/** A new store's open-orders limit (the column's default): enough for a rush, not for a flood. */
const DEFAULT_MAX_OPEN_ORDERS = 40;

/** The migration inserts the row; these apply only if someone deleted it. */
const DEFAULTS: StoreSettingsSnapshot = { acceptingOrders: true, openingHours: null, pausedUntil: null, maxOpenOrders: DEFAULT_MAX_OPEN_ORDERS, taxRateBasisPoints: 0, pricesIncludeTax: false };

/** Hours stored by hand that do not parse close the store rather than open it around the clock. */
export function parseOpeningHours(value: unknown): OpeningHours | null {
  if (value === null) return null;
  const parsed = openingHoursSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "StoreSettings.openingHours is not valid; treating the store as closed");
  return {};
}

/**
 * The store's settings in one statement, with the number of open orders when asked
 * and a capacity limit is set (otherwise nothing is counted).
 */
export async function readStoreSettings(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  countOpenOrders: boolean;
}): Promise<{ settings: StoreSettingsSnapshot; openOrders: number | null }> {
  const [row] = await options.prisma.$queryRaw<Row[]>`
    SELECT s."acceptingOrders", s."openingHours", s."pausedUntil", s."maxOpenOrders", s."taxRateBasisPoints", s."pricesIncludeTax",
      CASE WHEN ${options.countOpenOrders} AND s."maxOpenOrders" IS NOT NULL
        THEN (SELECT count(*)::int FROM "Order" WHERE "status" IN ${OPEN_STATUSES_SQL}) END AS "openOrders"
    FROM "StoreSettings" s WHERE s."id" = 1`;
  if (!row) return { settings: DEFAULTS, openOrders: null };
  const { openOrders, openingHours, ...rest } = row;
  return { settings: { ...rest, openingHours: parseOpeningHours(openingHours) }, openOrders };
}
