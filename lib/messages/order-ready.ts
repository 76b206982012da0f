import { z } from "zod";

/**
 * `order.ready` event: the order is ready for pickup.
 *
 * Travels on: order-events SNS topic (EVENTS_TOPIC) → notifications queue (filter: CUSTOMER_EVENT_TYPES).
 * Produced by: markOrderReady (lib/orders/mark-order-ready.ts); resendNotification copies it.
 * Handled by: notifyCustomer (lib/notifications/notify-customer.ts), via
 *   createNotificationMessageHandler (worker/handle-notification-message.ts).
 */
export const ORDER_READY = { type: "order.ready", destination: "EVENTS_TOPIC", handler: "notifyCustomer" } as const;

export const orderReadyEventSchema = z.object({
  type: z.literal(ORDER_READY.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  readyAt: z.iso.datetime({ offset: true }),
});

export type OrderReadyEvent = z.infer<typeof orderReadyEventSchema>;

/** The body of an `order.ready` event; throws (a bug at the producer) if a field is wrong. */
export const buildOrderReadyEvent = (fields: Omit<OrderReadyEvent, "type">): OrderReadyEvent =>
  orderReadyEventSchema.parse({ ...fields, type: ORDER_READY.type });
