import type { PrismaClient } from "../generated/prisma/client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { buildOrderReadyEvent } from "../messages/order-ready.ts";
import type { OrderReadyRequestedMessage } from "../messages/order-ready-requested.ts";
import { markProcessedAndPublishEvent } from "../outbox/mark-processed-and-publish-event.ts";
import type { Transport } from "../queue/transport.ts";

/**
 * The worker's side of `order.ready_requested`: READY + readyAt, the request's outbox row processed
 * and an `order.ready` event row, in one statement, published after commit. Only a real status
 * change writes an event (a redelivery publishes nothing; a cancelled order stays cancelled), and
 * only while the request's outbox row is unprocessed, so a request sent before a recall cannot
 * complete the order. (docs/ARCHITECTURE.md, "Kitchen display and order board", Recall)
 */
export async function markOrderReady(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage" | "order">;
  transport: Transport;
  message: OrderReadyRequestedMessage;
  now?: Date;
}): Promise<{ completed: boolean }> {
  const { message } = options;
  const { orderId } = message;
  const now = options.now ?? new Date();

  const result = await markProcessedAndPublishEvent({
    prisma: options.prisma,
    transport: options.transport,
    message,
    now,
    buildEvent: (order, outboxId) =>
      buildOrderReadyEvent({ outboxId, orderId, ticketNumber: order.ticketNumber, customerName: order.customerName, readyAt: now.toISOString() }),
    change: Prisma.sql`
      UPDATE "Order" SET "status" = 'READY', "readyAt" = ${now}
      WHERE "id" = ${orderId}::uuid AND "status" IN ('QUEUED', 'IN_PROGRESS') AND "readyRequestedAt" IS NOT NULL
        AND EXISTS (
          SELECT 1 FROM "OutboxMessage" m
          WHERE m."id" = ${message.outboxId}::uuid AND m."orderId" = ${orderId}::uuid AND m."processedAt" IS NULL)
      RETURNING "id"`,
    writeEventWhen: Prisma.sql`
      EXISTS (SELECT 1 FROM changed)
      AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" m WHERE m."orderId" = ${orderId}::uuid AND m."destination" = 'EVENTS_TOPIC' AND m."type" = 'order.ready')`,
  });
  if (!result.changed) {
    logger.info({ orderId, status: result.status }, "ready request changed nothing");
    return { completed: false };
  }
  if (!result.event) {
    logger.info({ orderId }, "order ready again after a recall; the customer was already told");
    return { completed: true };
  }
  logger.info({ orderId, ticket: result.event.ticketNumber }, "order ready");
  return { completed: true };
}
