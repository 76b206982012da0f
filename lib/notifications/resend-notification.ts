import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { sendOutboxMessage, type OutboxRow } from "../outbox/send-outbox-message.ts";
import type { NotificationResendMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";

export type ResendOutcome = "republished" | "not-failed" | "already-handled";

type Row = { outcome: "republished" | "not-failed"; id: string | null; orderId: string | null; type: string | null; body: unknown };

/**
 * Worker side of a manager's Resend, in one statement: the request's outbox row is
 * marked processed (so a redelivered request does nothing), the FAILED Notification goes
 * back to PENDING with its attempts reset, and a copy of the order's last event of that
 * type (same content, its own outboxId) is written to the outbox; then it is published.
 * The notifier claims only PENDING rows, so just the failed channel is sent, once; a
 * channel already SENT for that event is left alone. A row that is not FAILED any more
 * (sent meanwhile, or a second click) is left as it is.
 */
export async function resendNotification(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage">;
  transport: Transport;
  message: NotificationResendMessage;
  now?: Date;
}): Promise<ResendOutcome> {
  const { prisma, message } = options;
  const now = options.now ?? new Date();
  const eventOutboxId = crypto.randomUUID();
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${message.outboxId}::uuid AND "processedAt" IS NULL
      RETURNING "id"
    ),
    target AS (
      SELECT n."id", n."orderId", n."event",
        (SELECT e."body" FROM "OutboxMessage" e
         WHERE e."orderId" = n."orderId" AND e."type" = n."event" AND e."destination" = 'EVENTS_TOPIC'
         ORDER BY e."createdAt" DESC LIMIT 1) AS "body"
      FROM "Notification" n, processed
      WHERE n."id" = ${message.notificationId}::uuid AND n."orderId" = ${message.orderId}::uuid AND n."status" = 'FAILED'
    ),
    reset AS (
      UPDATE "Notification" n SET "status" = 'PENDING', "attempts" = 0, "lastError" = NULL, "claimedAt" = NULL
      FROM target t WHERE n."id" = t."id" AND t."body" IS NOT NULL
      RETURNING n."id"
    ),
    inserted AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${eventOutboxId}::uuid, t."orderId", 'EVENTS_TOPIC', t."event",
             jsonb_set(t."body", '{outboxId}', to_jsonb(${eventOutboxId}::text))
      FROM target t JOIN reset r ON r."id" = t."id"
      RETURNING "id", "orderId", "type", "body"
    )
    SELECT CASE WHEN i."id" IS NULL THEN 'not-failed' ELSE 'republished' END AS "outcome", i."id", i."orderId", i."type", i."body"
    FROM processed p LEFT JOIN inserted i ON true`;

  if (!row) {
    logger.debug({ outboxId: message.outboxId }, "notification.resend already handled");
    return "already-handled";
  }
  if (row.outcome === "not-failed" || !row.id || !row.orderId || !row.type) {
    logger.info({ notificationId: message.notificationId }, "resend asked for a notification that is not FAILED (or has no event to repeat); nothing sent");
    return "not-failed";
  }
  const event: OutboxRow = { id: row.id, orderId: row.orderId, destination: "EVENTS_TOPIC", type: row.type, body: row.body };
  // A failed publish stays in the outbox for the reconciler, as every other event does.
  await sendOutboxMessage({ prisma, transport: options.transport, row: event });
  logger.info({ notificationId: message.notificationId, orderId: row.orderId, event: row.type }, "notification resend published");
  return "republished";
}
