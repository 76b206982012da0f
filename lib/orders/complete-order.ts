import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { OrderReadyEvent, OrderReadyRequestedMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";

type Row = { status: string; completed: boolean; event: OrderReadyEvent | null };

/**
 * Completes a bumped order: READY + readyAt, the request's outbox row processed and an
 * `order.ready` event row, in one statement (one round trip, one commit); the event is
 * published after commit (or by the reconciler if that fails). Only a real status
 * change writes an event, so a redelivered request publishes nothing new, and a
 * cancelled order stays cancelled. A request counts only while its outbox row is
 * unprocessed: a recall marks the order's pending requests processed, so one sent
 * before the recall cannot complete the order the barista took back. An order made
 * ready again after a recall publishes no second order.ready: the customer was told.
 */
export async function completeOrder(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage">;
  transport: Transport;
  message: OrderReadyRequestedMessage;
  now?: Date;
}): Promise<{ completed: boolean }> {
  const { prisma, transport, message } = options;
  const { orderId } = message;
  const now = options.now ?? new Date();
  const eventId = randomUUID();

  const [row] = await prisma.$queryRaw<Row[]>`
    WITH ready AS (
      UPDATE "Order" SET "status" = 'READY', "readyAt" = ${now}
      WHERE "id" = ${orderId}::uuid AND "status" IN ('QUEUED', 'IN_PROGRESS') AND "readyRequestedAt" IS NOT NULL
        AND EXISTS (
          SELECT 1 FROM "OutboxMessage" m
          WHERE m."id" = ${message.outboxId}::uuid AND m."orderId" = ${orderId}::uuid AND m."processedAt" IS NULL)
      RETURNING "id", "ticketNumber", "customerName"
    ),
    processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${message.outboxId}::uuid AND "orderId" = ${orderId}::uuid AND "processedAt" IS NULL
    ),
    event AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${eventId}::uuid, r."id", 'EVENTS_TOPIC', 'order.ready', jsonb_build_object(
        'type', 'order.ready', 'outboxId', ${eventId}::text, 'orderId', r."id", 'ticketNumber', r."ticketNumber",
        'customerName', r."customerName", 'readyAt', ${now.toISOString()}::text)
      FROM ready r
      WHERE NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" m WHERE m."orderId" = r."id" AND m."destination" = 'EVENTS_TOPIC' AND m."type" = 'order.ready')
      RETURNING "body"
    )
    SELECT o."status"::text AS "status", EXISTS (SELECT 1 FROM ready) AS "completed", (SELECT e."body" FROM event e) AS "event"
    FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
  if (!row) throw new AppError("NOT_FOUND", `order ${orderId} does not exist`);
  const { event } = row;
  if (!row.completed) {
    logger.info({ orderId, status: row.status }, "ready request changed nothing");
    return { completed: false };
  }
  if (!event) {
    logger.info({ orderId }, "order ready again after a recall; the customer was already told");
    return { completed: true };
  }

  logger.info({ orderId, ticket: event.ticketNumber }, "order ready");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: event.outboxId, orderId, destination: "EVENTS_TOPIC", type: event.type, body: event },
  });
  return { completed: true };
}
