import { z } from "zod";

/**
 * `order.ready_requested`: a barista bumped the order; the worker marks it READY and
 * tells the customer (an `order.ready` event, lib/messages/order-ready.ts).
 *
 * Travels on: the orders FIFO queue (outbox destination ORDERS_QUEUE).
 * Produced by: requestReady (lib/kitchen/request-ready.ts).
 * Handled by: markOrderReady (lib/orders/mark-order-ready.ts), dispatched by
 *   createOrdersMessageHandler (worker/handle-orders-message.ts).
 */
const ORDER_READY_REQUESTED = { type: "order.ready_requested", destination: "ORDERS_QUEUE", handler: "markOrderReady" } as const;

export const orderReadyRequestedSchema = z.object({
  type: z.literal(ORDER_READY_REQUESTED.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  requestedAt: z.iso.datetime({ offset: true }),
});

export type OrderReadyRequestedMessage = z.infer<typeof orderReadyRequestedSchema>;

/** The body of an `order.ready_requested` message; throws (a bug at the producer) if a field is wrong. */
export const buildOrderReadyRequested = (fields: Omit<OrderReadyRequestedMessage, "type">): OrderReadyRequestedMessage =>
  orderReadyRequestedSchema.parse({ ...fields, type: ORDER_READY_REQUESTED.type });
