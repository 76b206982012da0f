import { z } from "zod";

/**
 * `order.cancelled` event: the kitchen cancelled the order (not sent when the customer did,
 * nor for a spam cancel). Same type string as the orders-queue request
 * (lib/messages/order-cancelled.ts), but a different contract on a different destination.
 *
 * Travels on: the order-events SNS topic (outbox destination EVENTS_TOPIC) → the
 *   notifications queue (the subscription lets CUSTOMER_EVENT_TYPES through, lib/messages/order-events.ts).
 * Produced by: announceCancellation (lib/orders/announce-cancellation.ts); copied with a new
 *   outboxId by resendNotification (lib/notifications/resend-notification.ts).
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
