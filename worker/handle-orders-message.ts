import { createBatcher } from "../lib/async/create-batcher.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import type { OrderPlacedMessage } from "../lib/messages/order-placed.ts";
import { ordersQueueMessageSchema } from "../lib/messages/orders-queue.ts";
import { resendNotification } from "../lib/notifications/resend-notification.ts";
import { announceCancellation } from "../lib/orders/announce-cancellation.ts";
import { markOrderReady } from "../lib/orders/mark-order-ready.ts";
import { markOrdersQueued, type MarkQueuedResult } from "../lib/orders/mark-orders-queued.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { parseMessageBody } from "../lib/queue/parse-message.ts";
import type { Transport } from "../lib/queue/transport.ts";

/**
 * Orders FIFO queue → the order use cases. A body that does not parse is poison (DLQ).
 * The order.placed messages of one received batch are handled concurrently by the
 * consumer, so they meet in the batcher and are marked QUEUED by one statement. Which
 * function handles which type is also written in each contract's module (lib/messages/).
 */
export function createOrdersMessageHandler(deps: { prisma: PrismaClient; transport: Transport }): MessageHandler {
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
        await announceCancellation({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
      case "notification.resend":
        await resendNotification({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
    }
  };
}
