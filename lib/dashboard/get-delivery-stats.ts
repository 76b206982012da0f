import type { PrismaClient } from "../generated/prisma/client.ts";
import { businessDate } from "../orders/business-date.ts";
import { shiftDay } from "./date-range.ts";
import { computeDeliveryStats, DELIVERY_DAYS, type DeliveryCountRow, type DeliveryStats } from "./delivery-stats.ts";

// How customer notifications fared over the store's last days: one grouped count in
// Postgres (never the rows themselves), bounded to the report's days. The day bounds are
// the store's midnights, computed by Postgres from the zone name, so a notification at
// 23:30 in the shop counts on that day whatever the server's or the viewer's zone.
// Only SKIPPED rows keep their lastError: a skip's reason is one of a few fixed texts,
// while failures carry free-form provider errors that would explode the grouping.

export async function getDeliveryStats(options: { prisma: Pick<PrismaClient, "$queryRaw">; timeZone: string; now?: Date }): Promise<DeliveryStats> {
  const { prisma, timeZone } = options;
  const today = businessDate(options.now ?? new Date(), timeZone);
  const first = shiftDay(today, -(DELIVERY_DAYS - 1));
  const afterLast = shiftDay(today, 1);
  const rows = await prisma.$queryRaw<DeliveryCountRow[]>`
    SELECT to_char("createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS "day",
      "channel"::text AS "channel", "status"::text AS "status",
      CASE WHEN "status" = 'SKIPPED' THEN "lastError" END AS "skipReason",
      count(*)::int AS "count"
    FROM "Notification"
    WHERE "createdAt" >= (${first}::date::timestamp AT TIME ZONE ${timeZone})
      AND "createdAt" < (${afterLast}::date::timestamp AT TIME ZONE ${timeZone})
    GROUP BY 1, 2, 3, 4`;
  return computeDeliveryStats(rows, today);
}
