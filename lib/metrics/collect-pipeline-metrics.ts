import type { SQSClient } from "@aws-sdk/client-sqs";
import { getQueueDepth } from "../dashboard/queue-depth.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { businessDate } from "../orders/business-date.ts";
import type { MetricFamily, Sample } from "./prometheus.ts";

const ORDER_STATUSES = ["PLACED", "QUEUED", "IN_PROGRESS", "READY", "CANCELLED"];
const CHANNELS = ["SMS", "EMAIL"];
const NOTIFICATION_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED"];

/** The queues whose depth is reported, named as in the metrics' `queue` label. */
export const pipelineQueues = (config: {
  ORDERS_QUEUE_URL: string;
  ORDERS_DLQ_URL?: string | undefined;
  NOTIFICATIONS_QUEUE_URL: string;
  NOTIFICATIONS_DLQ_URL?: string | undefined;
}) => ({
  orders: config.ORDERS_QUEUE_URL,
  orders_dlq: config.ORDERS_DLQ_URL,
  notifications: config.NOTIFICATIONS_QUEUE_URL,
  notifications_dlq: config.NOTIFICATIONS_DLQ_URL,
});

type Row = {
  orders: Record<string, number> | null;
  notifications: { channel: string; status: string; n: number }[] | null;
  outboxPending: number;
  outboxAbandoned: number;
};

/**
 * Gauges read at scrape time: today's orders by status, today's notifications by
 * channel and status, the outbox backlog (one statement), and the depth of every queue
 * and dead-letter queue from SQS. Every known label value is written, zeros included,
 * so a series does not vanish when its count drops to nothing.
 */
export async function collectPipelineMetrics(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  sqs: Pick<SQSClient, "send">;
  queues: Record<string, string | undefined>;
  timeZone: string;
  now?: Date;
}): Promise<MetricFamily[]> {
  const day = businessDate(options.now ?? new Date(), options.timeZone);
  const [[row], depths] = await Promise.all([
    options.prisma.$queryRaw<Row[]>`
      SELECT
        (SELECT json_object_agg(s.status, s.n) FROM (
          SELECT "status"::text AS status, count(*)::int AS n FROM "Order" WHERE "businessDate" = ${day}::date GROUP BY 1) s) AS "orders",
        (SELECT json_agg(t) FROM (
          SELECT n."channel"::text AS channel, n."status"::text AS status, count(*)::int AS n
          FROM "Notification" n JOIN "Order" o ON o."id" = n."orderId"
          WHERE o."businessDate" = ${day}::date GROUP BY 1, 2) t) AS "notifications",
        (SELECT count(*)::int FROM "OutboxMessage" WHERE "processedAt" IS NULL AND "abandonedAt" IS NULL) AS "outboxPending",
        (SELECT count(*)::int FROM "OutboxMessage" WHERE "abandonedAt" IS NOT NULL) AS "outboxAbandoned"`,
    Promise.all(
      Object.entries(options.queues).map(async ([queue, url]) => ({ queue, depth: await getQueueDepth({ sqs: options.sqs, url }) })),
    ),
  ]);

  const notified = new Map((row?.notifications ?? []).map((n) => [`${n.channel}/${n.status}`, n.n]));
  const queueSamples: Sample[] = [];
  const upSamples: Sample[] = [];
  for (const { queue, depth } of depths) {
    if (depth.status === "not-configured") continue;
    upSamples.push({ labels: { queue }, value: depth.status === "ok" ? 1 : 0 });
    if (depth.status !== "ok") continue;
    queueSamples.push(
      { labels: { queue, state: "visible" }, value: depth.visible },
      { labels: { queue, state: "in_flight" }, value: depth.inFlight },
      { labels: { queue, state: "delayed" }, value: depth.delayed },
    );
  }
  return [
    {
      name: "brewline_orders",
      help: "Orders of today's business day by status.",
      type: "gauge",
      samples: ORDER_STATUSES.map((status) => ({ labels: { status }, value: row?.orders?.[status] ?? 0 })),
    },
    {
      name: "brewline_notifications",
      help: "Ready notifications of today's orders by channel and status (FAILED = given up).",
      type: "gauge",
      samples: CHANNELS.flatMap((channel) =>
        NOTIFICATION_STATUSES.map((status) => ({ labels: { channel, status }, value: notified.get(`${channel}/${status}`) ?? 0 })),
      ),
    },
    {
      name: "brewline_outbox_messages",
      help: "Outbox rows not yet processed by their consumer (pending) or given up on (abandoned).",
      type: "gauge",
      samples: [
        { labels: { state: "pending" }, value: row?.outboxPending ?? 0 },
        { labels: { state: "abandoned" }, value: row?.outboxAbandoned ?? 0 },
      ],
    },
    { name: "brewline_queue_messages", help: "Approximate messages per queue (SQS attributes).", type: "gauge", samples: queueSamples },
    { name: "brewline_queue_reachable", help: "1 when the queue answered GetQueueAttributes.", type: "gauge", samples: upSamples },
  ];
}
