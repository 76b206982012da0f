import { z } from "zod";

/**
 * `order.cancelled` on the orders queue: a barista cancelled the order; the worker tells the
 * customer with the `order.cancelled` event (order-cancelled-event.ts: same type, other contract).
 *
 * Travels on: the orders FIFO queue (outbox destination ORDERS_QUEUE).
 * Produced by: cancelTicket (lib/kitchen/cancel-ticket.ts); not for a spam cancel.
 * Handled by: refundOrder (lib/payments/refund-order.ts) when the order was paid online, so the
 *   customer can be told it is refunded, then announceCancellation
 *   (lib/orders/announce-cancellation.ts); dispatched by createOrdersMessageHandler
 *   (worker/handle-orders-message.ts).
 */
const ORDER_CANCELLED = { type: "order.cancelled", destination: "ORDERS_QUEUE", handler: "announceCancellation" } as const;

export const orderCancelledSchema = z.object({
  type: z.literal(ORDER_CANCELLED.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});

export type OrderCancelledMessage = z.infer<typeof orderCancelledSchema>;

/** The body of an `order.cancelled` orders-queue message; throws (a bug at the producer) if a field is wrong. */
export const buildOrderCancelled = (fields: Omit<OrderCancelledMessage, "type">): OrderCancelledMessage =>
  orderCancelledSchema.parse({ ...fields, type: ORDER_CANCELLED.type });
