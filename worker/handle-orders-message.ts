import { createBatcher } from "../lib/async/create-batcher.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import type { OrderPlacedMessage } from "../lib/messages/order-placed.ts";
import { ordersQueueMessageSchema } from "../lib/messages/orders-queue.ts";
import { resendNotification } from "../lib/notifications/resend-notification.ts";
import { announceCancellation } from "../lib/orders/announce-cancellation.ts";
import { markOrderReady } from "../lib/orders/mark-order-ready.ts";
import { markOrdersQueued, type MarkQueuedResult } from "../lib/orders/mark-orders-queued.ts";
import { FIRST_REFUND_ATTEMPT } from "../lib/payments/refund-due-sql.ts";
import { refundOrder } from "../lib/payments/refund-order.ts";
import type { Payments } from "../lib/payments/payments-of-config.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { parseMessageBody } from "../lib/queue/parse-message.ts";
import type { Transport } from "../lib/queue/transport.ts";

/**
 * Orders FIFO queue → the order use cases. A body that does not parse is poison (DLQ).
 * The order.placed messages of one received batch are handled concurrently by the
 * consumer, so they meet in the batcher and are marked QUEUED by one statement. Which
 * function handles which type is also written in each contract's module (lib/messages/).
 * A kitchen cancel of an order paid online refunds first, so the customer's cancellation
 * message can say "refunded"; its refund failing to reach the provider retries the whole message.
 */
export function createOrdersMessageHandler(deps: { prisma: PrismaClient; transport: Transport; payments: Payments }): MessageHandler {
  const markQueued = createBatcher<OrderPlacedMessage, MarkQueuedResult>({
    run: (messages) => markOrdersQueued({ prisma: deps.prisma, messages }),
  });
  return async (message) => {
    const body = parseMessageBody(message.body, ordersQueueMessageSchema);
    switch (body.type) {
      case "order.placed": {
        const result = await markQueued(body);
        if ("error" in result) throw result.error;
        return;
      }
      case "order.ready_requested":
        await markOrderReady({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
      case "order.cancelled":
        // No outboxId: announceCancellation marks this message processed.
        await refundOrder({ prisma: deps.prisma, payments: deps.payments, orderId: body.orderId, attempt: FIRST_REFUND_ATTEMPT });
        await announceCancellation({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
      case "payment.refund":
        await refundOrder({ prisma: deps.prisma, payments: deps.payments, orderId: body.orderId, attempt: body.attempt, outboxId: body.outboxId });
        return;
      case "notification.resend":
        await resendNotification({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
    }
  };
}
