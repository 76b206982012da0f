import { createBatcher } from "../lib/async/create-batcher.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { resendNotification } from "../lib/notifications/resend-notification.ts";
import { announceCancellation } from "../lib/orders/announce-cancellation.ts";
import { completeOrder } from "../lib/orders/complete-order.ts";
import { queueOrders, type QueueOrderResult } from "../lib/orders/queue-order.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { ordersQueueMessageSchema, type OrderPlacedMessage } from "../lib/queue/messages.ts";
import { parseMessageBody } from "../lib/queue/parse-message.ts";
import type { Transport } from "../lib/queue/transport.ts";

/**
 * Orders FIFO queue → the order use cases. A body that does not parse is poison (DLQ).
 * The order.placed messages of one received batch are handled concurrently by the
 * consumer, so they meet in the batcher and are queued by one statement.
 */
export function createOrdersMessageHandler(deps: { prisma: PrismaClient; transport: Transport }): MessageHandler {
  const queue = createBatcher<OrderPlacedMessage, QueueOrderResult>({
    run: (messages) => queueOrders({ prisma: deps.prisma, messages }),
  });
  return async (message) => {
    const body = parseMessageBody(message.body, ordersQueueMessageSchema);
    switch (body.type) {
      case "order.placed": {
        const result = await queue(body);
        if ("error" in result) throw result.error;
        return;
      }
      case "order.ready_requested":
        await completeOrder({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
      case "order.cancelled":
        await announceCancellation({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
      case "notification.resend":
        await resendNotification({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
    }
  };
}
