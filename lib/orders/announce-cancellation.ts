import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { OrderCancelledEvent, OrderCancelledMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";

type Row = { found: boolean; event: OrderCancelledEvent | null };

/**
 * The worker's side of a barista's cancel: the message's outbox row is marked processed
 * and, only if this is the first time (the row was still unprocessed), an
 * `order.cancelled` event row is written for the notifier, in one statement; the event
 * is published after commit (or by the reconciler). A redelivered message therefore
 * publishes nothing new, and the web never publishes to SNS itself.
 */
export async function announceCancellation(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage">;
  transport: Transport;
  message: OrderCancelledMessage;
  now?: Date;
}): Promise<{ announced: boolean }> {
  const { prisma, transport, message } = options;
  const { orderId } = message;
  const now = options.now ?? new Date();
  const eventId = randomUUID();

  const [row] = await prisma.$queryRaw<Row[]>`
    WITH processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${message.outboxId}::uuid AND "orderId" = ${orderId}::uuid AND "processedAt" IS NULL
      RETURNING "orderId"
    ),
    event AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${eventId}::uuid, o."id", 'EVENTS_TOPIC', 'order.cancelled', jsonb_build_object(
        'type', 'order.cancelled', 'outboxId', ${eventId}::text, 'orderId', o."id", 'ticketNumber', o."ticketNumber",
        'customerName', o."customerName", 'reason', ${message.reason}::text, 'cancelledAt', ${message.cancelledAt}::text)
      FROM processed p JOIN "Order" o ON o."id" = p."orderId"
      WHERE o."status" = 'CANCELLED'
      RETURNING "body"
    )
    SELECT EXISTS (SELECT 1 FROM "Order" WHERE "id" = ${orderId}::uuid) AS "found", (SELECT e."body" FROM event e) AS "event"`;
  if (!row?.found) throw new AppError("NOT_FOUND", `order ${orderId} does not exist`);
  const { event } = row;
  if (!event) {
    logger.info({ orderId }, "cancellation already announced");
    return { announced: false };
  }

  logger.info({ orderId, ticket: event.ticketNumber }, "order cancellation announced");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: event.outboxId, orderId, destination: "EVENTS_TOPIC", type: event.type, body: event },
  });
  return { announced: true };
}
