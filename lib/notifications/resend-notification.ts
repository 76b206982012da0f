import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { sendOutboxMessage, type OutboxRow } from "../outbox/send-outbox-message.ts";
import type { NotificationResendMessage } from "../messages/notification-resend.ts";
import { buildOrderCancelledEvent } from "../messages/order-cancelled-event.ts";
import { orderEventSchema, type OrderEvent } from "../messages/order-events.ts";
import { buildOrderReadyEvent } from "../messages/order-ready.ts";
import type { Transport } from "../queue/transport.ts";

export type ResendOutcome = "republished" | "not-failed" | "already-handled";

type Row = { outcome: "republished" | "not-failed"; id: string | null; orderId: string | null };

/** The same event under its own outboxId, built and validated like the original. */
const copyEvent = (event: OrderEvent, outboxId: string): OrderEvent =>
  event.type === "order.ready" ? buildOrderReadyEvent({ ...event, outboxId }) : buildOrderCancelledEvent({ ...event, outboxId });

/**
 * Worker side of a manager's Resend, in one statement: the request's outbox row is marked processed
 * (a redelivery does nothing), the FAILED Notification goes back to PENDING, and a copy of the
 * order's last event of that type (own outboxId) is written, then published. The notifier claims
 * only PENDING rows, so just the failed channel is sent, once; a row no longer FAILED (sent
 * meanwhile, a second click) is left alone. (docs/ARCHITECTURE.md, "Notifications")
 */
export async function resendNotification(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage">;
  transport: Transport;
  message: NotificationResendMessage;
  now?: Date;
}): Promise<ResendOutcome> {
  const { prisma, message } = options;
  const now = options.now ?? new Date();
  const [last] = await prisma.$queryRaw<{ body: unknown }[]>`
    SELECT e."body" FROM "Notification" n
    JOIN "OutboxMessage" e ON e."orderId" = n."orderId" AND e."type" = n."event" AND e."destination" = 'EVENTS_TOPIC'
    WHERE n."id" = ${message.notificationId}::uuid AND n."orderId" = ${message.orderId}::uuid
    ORDER BY e."createdAt" DESC LIMIT 1`;
  const copy = last ? copyEvent(orderEventSchema.parse(last.body), crypto.randomUUID()) : null;
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${message.outboxId}::uuid AND "processedAt" IS NULL
      RETURNING "id"
    ),
    target AS (
      SELECT n."id", n."orderId"
      FROM "Notification" n, processed
      WHERE n."id" = ${message.notificationId}::uuid AND n."orderId" = ${message.orderId}::uuid AND n."status" = 'FAILED'
        AND n."event" = ${copy?.type ?? null}::text
    ),
    reset AS (
      UPDATE "Notification" n SET "status" = 'PENDING', "attempts" = 0, "lastError" = NULL, "claimedAt" = NULL
      FROM target t WHERE n."id" = t."id"
      RETURNING n."id"
    ),
    inserted AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${copy?.outboxId ?? null}::uuid, t."orderId", 'EVENTS_TOPIC', ${copy?.type ?? null}::text, ${copy ? JSON.stringify(copy) : null}::jsonb
      FROM target t JOIN reset r ON r."id" = t."id"
      RETURNING "id", "orderId"
    )
    SELECT CASE WHEN i."id" IS NULL THEN 'not-failed' ELSE 'republished' END AS "outcome", i."id", i."orderId"
    FROM processed p LEFT JOIN inserted i ON true`;

  if (!row) {
    logger.debug({ outboxId: message.outboxId }, "notification.resend already handled");
    return "already-handled";
  }
  if (row.outcome === "not-failed" || !copy || !row.id || !row.orderId) {
    logger.info({ notificationId: message.notificationId }, "resend asked for a notification that is not FAILED (or has no event to repeat); nothing sent");
    return "not-failed";
  }
  const event: OutboxRow = { id: row.id, orderId: row.orderId, destination: "EVENTS_TOPIC", type: copy.type, body: copy };
  // A failed publish stays in the outbox for the reconciler, as every other event does.
  await sendOutboxMessage({ prisma, transport: options.transport, row: event });
  logger.info({ notificationId: message.notificationId, orderId: row.orderId, event: copy.type }, "notification resend published");
  return "republished";
}
