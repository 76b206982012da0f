import { z } from "zod";

/**
 * `notification.resend`: a manager asked to send a FAILED notification again. The worker
 * (the only SNS publisher) resets it and publishes the order's event once more.
 *
 * Travels on: the orders FIFO queue (outbox destination ORDERS_QUEUE).
 * Produced by: requestNotificationResend (lib/dashboard/request-notification-resend.ts).
 * Handled by: resendNotification (lib/notifications/resend-notification.ts), dispatched by
 *   createOrdersMessageHandler (worker/handle-orders-message.ts).
 */
export const NOTIFICATION_RESEND = { type: "notification.resend", destination: "ORDERS_QUEUE", handler: "resendNotification" } as const;

export const notificationResendSchema = z.object({
  type: z.literal(NOTIFICATION_RESEND.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  notificationId: z.uuid(),
});

export type NotificationResendMessage = z.infer<typeof notificationResendSchema>;

/** The body of a `notification.resend` message; throws (a bug at the producer) if a field is wrong. */
export const buildNotificationResend = (fields: Omit<NotificationResendMessage, "type">): NotificationResendMessage =>
  notificationResendSchema.parse({ ...fields, type: NOTIFICATION_RESEND.type });
