import type { SQSClient } from "@aws-sdk/client-sqs";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { listDeadLetters, type DeadLetterView } from "../dlq/list-dead-letters.ts";
import type { DeliveryStats } from "./delivery-stats.ts";
import { getDeliveryStats } from "./get-delivery-stats.ts";
import { getOverview, toNotificationView, type NotificationView, type Overview } from "./get-overview.ts";
import { listSkippedNotifications, type SkippedNotifications } from "./list-skipped-notifications.ts";

// The dashboard's pipeline view: queue depths, how long the oldest order has waited for
// the worker, dead letters with their reason, workers, and notifications that failed or
// were skipped on purpose (opted out, the per-recipient daily limit), and how each
// channel has fared day by day.
// SQS has no "age of the oldest message" attribute (that is a CloudWatch metric, and the
// emulator has neither), so the age comes from Postgres: the oldest order still PLACED
// is exactly the oldest order.placed not yet handled.

export type FailedNotificationView = NotificationView & { resendPending: boolean };

export type PipelineHealth = Overview & {
  oldestPlaced: { ticketNumber: number; ageMs: number } | null;
  oldestUnprocessed: { type: string; ageMs: number } | null;
  deadLetters: DeadLetterView[];
  failedNotifications: FailedNotificationView[];
  skippedNotifications: SkippedNotifications;
  delivery: DeliveryStats;
};

type Oldest = { placedTicket: number | null; placedAt: Date | null; outboxType: string | null; outboxAt: Date | null };

export async function getPipelineHealth(options: Parameters<typeof getOverview>[0] & { sqs: Pick<SQSClient, "send"> }): Promise<PipelineHealth> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const [overview, [oldest], deadLetters, failed, skipped, delivery] = await Promise.all([
    getOverview({ ...options, now }),
    prisma.$queryRaw<Oldest[]>`
      SELECT p."ticketNumber" AS "placedTicket", p."createdAt" AS "placedAt", m."type" AS "outboxType", m."createdAt" AS "outboxAt"
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT "ticketNumber", "createdAt" FROM "Order" WHERE "status" = 'PLACED' ORDER BY "createdAt" LIMIT 1) p ON true
      LEFT JOIN LATERAL (
        SELECT "type", "createdAt" FROM "OutboxMessage"
        WHERE "processedAt" IS NULL AND "abandonedAt" IS NULL AND "destination" = 'ORDERS_QUEUE'
        ORDER BY "createdAt" LIMIT 1) m ON true`,
    listDeadLetters({ prisma, now }),
    failedNotifications(prisma),
    listSkippedNotifications({ prisma, timeZone: options.timeZone, now }),
    getDeliveryStats({ prisma, timeZone: options.timeZone, now }),
  ]);
  const age = (at: Date | null) => (at ? Math.max(0, now.getTime() - at.getTime()) : 0);
  return {
    ...overview,
    oldestPlaced: oldest?.placedAt ? { ticketNumber: oldest.placedTicket ?? 0, ageMs: age(oldest.placedAt) } : null,
    oldestUnprocessed: oldest?.outboxAt ? { type: oldest.outboxType ?? "", ageMs: age(oldest.outboxAt) } : null,
    deadLetters,
    failedNotifications: failed,
    skippedNotifications: skipped,
    delivery,
  };
}

async function failedNotifications(prisma: PrismaClient): Promise<FailedNotificationView[]> {
  const rows = await prisma.notification.findMany({
    where: { status: "FAILED" },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { order: { select: { ticketNumber: true } } },
  });
  const pending = new Set(
    (
      await prisma.$queryRaw<{ id: string }[]>`
        SELECT "body"->>'notificationId' AS "id" FROM "OutboxMessage"
        WHERE "type" = 'notification.resend' AND "processedAt" IS NULL AND "abandonedAt" IS NULL`
    ).map((r) => r.id),
  );
  return rows.map((n) => ({ ...toNotificationView(n), resendPending: pending.has(n.id) }));
}
