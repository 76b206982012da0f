import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { OPEN_STATUSES_SQL } from "../store/open-statuses.ts";
import type { OpeningHours } from "../store/opening-hours.ts";
import { slotSettingsOf } from "../store/read-slot-settings.ts";
import { parseOpeningHours } from "../store/read-store-settings.ts";
import type { SlotSettings } from "../store/slot-settings.ts";

/** Orders that hold their place in a slot: all but the cancelled and the never paid. */
export const BOOKING_STATUSES_SQL = Prisma.sql`NOT IN ('CANCELLED', 'PAYMENT_EXPIRED')`;

/** Everything offering pickup slots needs, read in one statement. */
export type ScheduleSnapshot = {
  acceptingOrders: boolean;
  /** null = no fixed hours; hours that do not parse are no hours at all ({}), as for ordering now. */
  hours: OpeningHours | null;
  slots: SlotSettings;
  /** Median queued → ready of the latest 20 ready orders, any day; null before the first. */
  recentPrepSeconds: number | null;
  /** Placed, queued and in progress: the queue an order placed now waits behind. */
  openOrders: number;
  /** Drinks and orders booked per slot start (ms since the epoch). */
  booked: Map<number, { drinks: number; orders: number }>;
  /** Slot starts (ms) the café paused. */
  paused: Set<number>;
};

type Row = {
  acceptingOrders: boolean;
  openingHours: unknown;
  scheduledOrders: boolean;
  slotMinutes: number;
  slotDrinks: number;
  slotDrinksByWeekday: Prisma.JsonValue;
  openOrders: number;
  recentPrepSeconds: number | null;
  booked: { at: string; drinks: number; orders: number }[];
  paused: string[];
};

/** Bookings and pauses of slots starting in [from, to). */
export async function readSchedule(options: { prisma: Pick<PrismaClient, "$queryRaw">; from: Date; to: Date }): Promise<ScheduleSnapshot> {
  const { from, to } = options;
  const [row] = await options.prisma.$queryRaw<Row[]>`
    SELECT s."acceptingOrders", s."openingHours", s."scheduledOrders", s."slotMinutes", s."slotDrinks", s."slotDrinksByWeekday",
      (SELECT count(*)::int FROM "Order" WHERE "status" IN ${OPEN_STATUSES_SQL}) AS "openOrders",
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds) FROM (
        SELECT extract(epoch FROM o."readyAt" - o."queuedAt")::float8 AS seconds FROM "Order" o
        WHERE o."status" = 'READY' AND o."queuedAt" IS NOT NULL AND o."readyAt" IS NOT NULL
        ORDER BY o."readyAt" DESC LIMIT 20) r) AS "recentPrepSeconds",
      COALESCE((SELECT json_agg(json_build_object('at', b."pickupAt", 'drinks', b.drinks, 'orders', b.orders)) FROM (
        SELECT o."pickupAt", sum(i."quantity")::int AS drinks, count(DISTINCT o."id")::int AS orders FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o."id"
        WHERE o."pickupAt" >= ${from} AND o."pickupAt" < ${to} AND o."status" ${BOOKING_STATUSES_SQL}
        GROUP BY o."pickupAt") b), '[]'::json) AS "booked",
      COALESCE((SELECT json_agg(p."startsAt") FROM "PausedSlot" p WHERE p."startsAt" >= ${from} AND p."startsAt" < ${to}), '[]'::json) AS "paused"
    FROM "StoreSettings" s WHERE s."id" = 1`;
  if (!row) throw new Error("StoreSettings row is missing");
  return {
    acceptingOrders: row.acceptingOrders,
    hours: parseOpeningHours(row.openingHours),
    slots: slotSettingsOf(row),
    recentPrepSeconds: row.recentPrepSeconds,
    openOrders: row.openOrders,
    booked: new Map(row.booked.map((b) => [new Date(b.at).getTime(), { drinks: b.drinks, orders: b.orders }])),
    paused: new Set(row.paused.map((p) => new Date(p).getTime())),
  };
}
