import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { completeOrder } from "../lib/orders/complete-order.ts";
import { queueOrder } from "../lib/orders/queue-order.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { ordersQueueMessageSchema } from "../lib/queue/messages.ts";
import { parseMessageBody } from "../lib/queue/parse-message.ts";
import type { Transport } from "../lib/queue/transport.ts";

/** Orders FIFO queue → the order use cases. A body that does not parse is poison (DLQ). */
export function createOrdersMessageHandler(deps: { prisma: PrismaClient; transport: Transport }): MessageHandler {
  return async (message) => {
    const body = parseMessageBody(message.body, ordersQueueMessageSchema);
    switch (body.type) {
      case "order.placed":
        await queueOrder({ prisma: deps.prisma, message: body });
        return;
      case "order.ready_requested":
        await completeOrder({ prisma: deps.prisma, transport: deps.transport, message: body });
        return;
    }
  };
}
