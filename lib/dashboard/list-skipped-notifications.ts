import type { PrismaClient } from "../generated/prisma/client.ts";
import { DAILY_LIMIT_REASON } from "../notifications/claim-notifications.ts";
import { businessDate } from "../orders/business-date.ts";
import { toNotificationView, type NotificationView } from "./get-overview.ts";

// Messages the notifier chose not to send. A run of them to one recipient is what an
// attempt to use the shop to text or email someone looks like, so the operator sees
// each with its reason and how many the daily limit held back today.

export type SkippedNotifications = {
  /** Skipped today (the store's day) because the recipient had reached the daily limit. */
  dailyLimitToday: number;
  recent: NotificationView[];
};

export async function listSkippedNotifications(options: {
  prisma: Pick<PrismaClient, "notification" | "$queryRaw">;
  timeZone: string;
  now?: Date;
  take?: number;
}): Promise<SkippedNotifications> {
  const { prisma, timeZone } = options;
  const today = businessDate(options.now ?? new Date(), timeZone);
  const [rows, [count]] = await Promise.all([
    prisma.notification.findMany({
      where: { status: "SKIPPED" },
      orderBy: { createdAt: "desc" },
      take: options.take ?? 50,
      include: { order: { select: { ticketNumber: true } } },
    }),
    prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "Notification"
      WHERE "status" = 'SKIPPED' AND "lastError" = ${DAILY_LIMIT_REASON}
        AND ("createdAt" AT TIME ZONE ${timeZone})::date = ${today}::date`,
  ]);
  return { dailyLimitToday: count?.n ?? 0, recent: rows.map(toNotificationView) };
}
