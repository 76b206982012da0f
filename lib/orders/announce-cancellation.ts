import type { PrismaClient } from "../generated/prisma/client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import type { OrderCancelledMessage } from "../messages/order-cancelled.ts";
import { buildOrderCancelledEvent } from "../messages/order-cancelled-event.ts";
import { markProcessedAndPublishEvent } from "../outbox/mark-processed-and-publish-event.ts";
import type { Transport } from "../queue/transport.ts";

/**
 * The worker's side of a barista's cancel: the message's outbox row is marked processed
 * and, only if this is the first time (the row was still unprocessed), an
 * `order.cancelled` event row is written for the notifier, in one statement; the event
 * is published after commit (or by the reconciler). A redelivered message therefore
 * publishes nothing new, and the web never publishes to SNS itself.
 */
export async function announceCancellation(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage" | "order">;
  transport: Transport;
  message: OrderCancelledMessage;
  now?: Date;
}): Promise<{ announced: boolean }> {
  const { message } = options;
  const { orderId } = message;

  const { event } = await markProcessedAndPublishEvent({
    prisma: options.prisma,
    transport: options.transport,
    message,
    now: options.now ?? new Date(),
    buildEvent: (order, outboxId) =>
      buildOrderCancelledEvent({
        outboxId,
        orderId,
        ticketNumber: order.ticketNumber,
        customerName: order.customerName,
        reason: message.reason,
        cancelledAt: message.cancelledAt,
      }),
    writeEventWhen: Prisma.sql`
      EXISTS (SELECT 1 FROM processed)
      AND EXISTS (SELECT 1 FROM "Order" o WHERE o."id" = ${orderId}::uuid AND o."status" = 'CANCELLED')`,
  });
  if (!event) {
    logger.info({ orderId }, "cancellation already announced");
    return { announced: false };
  }
  logger.info({ orderId, ticket: event.ticketNumber }, "order cancellation announced");
  return { announced: true };
}
