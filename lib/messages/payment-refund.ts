import { z } from "zod";

/**
 * `payment.refund` on the orders queue: refund the order's online payment (its Refund row says
 * how much and which attempt). The provider's idempotency key is the order id and the attempt,
 * so a redelivered message, or a worker killed between the provider's answer and its commit,
 * cannot refund twice.
 *
 * Travels on: the orders FIFO queue (outbox destination ORDERS_QUEUE).
 * Produced by: cancelOrder (lib/orders/cancel-order.ts) for a paid order the customer cancels,
 *   cancelTicket (lib/kitchen/cancel-ticket.ts) for a spam cancel (no order.cancelled is sent),
 *   settleCheckout (lib/payments/settle-checkout.ts) for money that came after the order was
 *   given up, and retryRefund (lib/dashboard/retry-refund.ts) for a manager's Retry of a failed refund.
 *   A kitchen cancel's refund travels with its order.cancelled message instead (refunded
 *   before the customer is told).
 * Handled by: refundOrder (lib/payments/refund-order.ts), dispatched by
 *   createOrdersMessageHandler (worker/handle-orders-message.ts).
 */
export const PAYMENT_REFUND = { type: "payment.refund", destination: "ORDERS_QUEUE", handler: "refundOrder" } as const;

export const paymentRefundSchema = z.object({
  type: z.literal(PAYMENT_REFUND.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  /** Refund.attempt this message is for: a message of an earlier attempt does nothing. */
  attempt: z.int().min(1),
});

export type PaymentRefundMessage = z.infer<typeof paymentRefundSchema>;

/** The body of a `payment.refund` orders-queue message; throws (a bug at the producer) if a field is wrong. */
export const buildPaymentRefund = (fields: Omit<PaymentRefundMessage, "type">): PaymentRefundMessage =>
  paymentRefundSchema.parse({ ...fields, type: PAYMENT_REFUND.type });
