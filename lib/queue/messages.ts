import { z } from "zod";

// Bodies of the messages that travel through SQS and SNS. Every consumer parses with
// these schemas; a body that does not parse is a poison message (left for the DLQ).

export const orderLineSchema = z.object({
  name: z.string(),
  quantity: z.number().int().positive(),
  options: z.array(z.string()),
  note: z.string().nullable(),
});

/** Orders queue: a new order for the barista board. */
export const orderPlacedSchema = z.object({
  type: z.literal("order.placed"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  items: z.array(orderLineSchema),
  placedAt: z.iso.datetime({ offset: true }),
});

/** Orders queue: a barista bumped the order; the worker completes it and tells the customer. */
export const orderReadyRequestedSchema = z.object({
  type: z.literal("order.ready_requested"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  requestedAt: z.iso.datetime({ offset: true }),
});

/** Orders queue: a barista cancelled the order; the worker announces it to the customer. */
export const orderCancelledSchema = z.object({
  type: z.literal("order.cancelled"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});

/**
 * Orders queue: a manager asked to send a FAILED notification again. The worker (the only
 * SNS publisher) resets it and publishes the order's event once more.
 */
export const notificationResendSchema = z.object({
  type: z.literal("notification.resend"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  notificationId: z.uuid(),
});

export const ordersQueueMessageSchema = z.discriminatedUnion("type", [
  orderPlacedSchema,
  orderReadyRequestedSchema,
  orderCancelledSchema,
  notificationResendSchema,
]);

/** SNS topic → notifications queue: the order is ready for pickup. */
export const orderReadyEventSchema = z.object({
  type: z.literal("order.ready"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  readyAt: z.iso.datetime({ offset: true }),
});

/** SNS topic → notifications queue: the kitchen cancelled the order (not sent when the customer did). */
export const orderCancelledEventSchema = z.object({
  type: z.literal("order.cancelled"),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});

/** The event types the notifier acts on; the topic's subscription filter lets exactly these through. */
export const CUSTOMER_EVENT_TYPES = ["order.ready", "order.cancelled"] as const;

export const orderEventSchema = z.discriminatedUnion("type", [orderReadyEventSchema, orderCancelledEventSchema]);

export type OrderPlacedMessage = z.infer<typeof orderPlacedSchema>;
export type OrderReadyRequestedMessage = z.infer<typeof orderReadyRequestedSchema>;
export type OrdersQueueMessage = z.infer<typeof ordersQueueMessageSchema>;
export type OrderCancelledMessage = z.infer<typeof orderCancelledSchema>;
export type NotificationResendMessage = z.infer<typeof notificationResendSchema>;
export type OrderReadyEvent = z.infer<typeof orderReadyEventSchema>;
export type OrderCancelledEvent = z.infer<typeof orderCancelledEventSchema>;
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OutboxBody = OrdersQueueMessage | OrderEvent;
