import { z } from "zod";

/**
 * `order.cancelled` event: the kitchen cancelled the order (not sent for a customer's or a spam
 * cancel). Same type string as the orders-queue request (order-cancelled.ts), other contract.
 *
 * Travels on: order-events SNS topic (EVENTS_TOPIC) → notifications queue (filter: CUSTOMER_EVENT_TYPES).
 * Produced by: announceCancellation (lib/orders/announce-cancellation.ts); resendNotification copies it.
 * Handled by: notifyCustomer (lib/notifications/notify-customer.ts), via
 *   createNotificationMessageHandler (worker/handle-notification-message.ts).
 */
export const ORDER_CANCELLED_EVENT = { type: "order.cancelled", destination: "EVENTS_TOPIC", handler: "notifyCustomer" } as const;

export const orderCancelledEventSchema = z.object({
  type: z.literal(ORDER_CANCELLED_EVENT.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});

export type OrderCancelledEvent = z.infer<typeof orderCancelledEventSchema>;

/** The body of an `order.cancelled` event; throws (a bug at the producer) if a field is wrong. */
export const buildOrderCancelledEvent = (fields: Omit<OrderCancelledEvent, "type">): OrderCancelledEvent =>
  orderCancelledEventSchema.parse({ ...fields, type: ORDER_CANCELLED_EVENT.type });
