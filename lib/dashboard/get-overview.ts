import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Notification, PrismaClient } from "../generated/prisma/client.ts";
import { OrderStatus, type NotificationChannel, type NotificationStatus } from "../generated/prisma/enums.ts";
import { businessDate, dateOnly } from "../orders/business-date.ts";
import { NOT_SALES } from "./list-orders-in-range.ts";
import { listWorkerHeartbeats, type WorkerView } from "../worker/list-worker-heartbeats.ts";
import { maskRecipient } from "./mask.ts";
import { getQueueDepth, type QueueDepth } from "./queue-depth.ts";

// The operator's one-screen view: how today is going, whether messages are piling up
// in a queue or its dead-letter queue, whether workers are alive, and how customer
// notifications fare.

export type NotificationView = {
  id: string;
  ticketNumber: number;
  event: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  attempts: number;
  recipient: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

type NotificationRow = Pick<Notification, "id" | "event" | "channel" | "status" | "attempts" | "recipient" | "lastError" | "createdAt" | "sentAt"> & {
  order: { ticketNumber: number };
};

/**
 * A push recipient is the browser's endpoint URL: its path is the address that reaches
 * that browser, so only the push service's host is shown.
 */
function maskedRecipient(channel: NotificationChannel, recipient: string): string {
  if (channel !== "PUSH") return maskRecipient(channel, recipient);
  try {
    return new URL(recipient).hostname;
  } catch {
    return "•••";
  }
}

/** A notification as the dashboard shows it: recipient masked, times as ISO strings. */
export function toNotificationView(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    ticketNumber: n.order.ticketNumber,
    event: n.event,
    channel: n.channel,
    status: n.status,
    attempts: n.attempts,
    recipient: maskedRecipient(n.channel, n.recipient),
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
  };
}

export type QueueView = { label: string; isDeadLetter: boolean; depth: QueueDepth };

export type Overview = {
  generatedAt: string;
  businessDate: string;
  counts: Record<OrderStatus, number>;
  totalToday: number;
  outbox: { unsent: number; unprocessed: number; abandoned: number };
  queues: QueueView[];
  workers: WorkerView[];
  notifications: NotificationView[];
};

export async function getOverview(options: {
  prisma: PrismaClient;
  sqs: Pick<SQSClient, "send">;
  queues: { label: string; url: string | undefined; isDeadLetter?: boolean }[];
  timeZone: string;
  now?: Date;
}): Promise<Overview> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const day = businessDate(now, options.timeZone);

  const [grouped, unsent, unprocessed, abandoned, heartbeats, notifications, queues] = await Promise.all([
    prisma.order.groupBy({ by: ["status"], where: { businessDate: dateOnly(day) }, _count: { _all: true } }),
    prisma.outboxMessage.count({ where: { sentAt: null, abandonedAt: null } }),
    prisma.outboxMessage.count({ where: { processedAt: null, abandonedAt: null, destination: "ORDERS_QUEUE" } }),
    prisma.outboxMessage.count({ where: { abandonedAt: { not: null } } }),
    listWorkerHeartbeats({ prisma, now }),
    prisma.notification.findMany({
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        event: true,
        channel: true,
        status: true,
        attempts: true,
        recipient: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
        order: { select: { ticketNumber: true } },
      },
    }),
    Promise.all(
      options.queues.map(async (q) => ({
        label: q.label,
        isDeadLetter: q.isDeadLetter ?? false,
        depth: await getQueueDepth({ sqs: options.sqs, url: q.url }),
      })),
    ),
  ]);

  const counts = Object.fromEntries(Object.values(OrderStatus).map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const row of grouped) counts[row.status] = row._count._all;

  return {
    generatedAt: now.toISOString(),
    businessDate: day,
    counts,
    // An unpaid online checkout is not an order the shop has had (yet, or ever).
    totalToday: Object.entries(counts).reduce((n, [status, c]) => n + ((NOT_SALES as readonly string[]).includes(status) ? 0 : c), 0),
    outbox: { unsent, unprocessed, abandoned },
    queues,
    workers: heartbeats,
    notifications: notifications.map(toNotificationView),
  };
}
