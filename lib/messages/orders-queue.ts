import { z } from "zod";
import { notificationResendSchema } from "./notification-resend.ts";
import { orderCancelledSchema } from "./order-cancelled.ts";
import { orderPlacedSchema } from "./order-placed.ts";
import { orderReadyRequestedSchema } from "./order-ready-requested.ts";
import { paymentRefundSchema } from "./payment-refund.ts";

/**
 * Every body that travels on the orders FIFO queue, discriminated by `type`; the worker
 * (worker/handle-orders-message.ts) parses with this. A body that does not parse is a
 * poison message (left for the DLQ). Each contract, with its producer and handler, is in
 * its own module beside this one.
 */
export const ordersQueueMessageSchema = z.discriminatedUnion("type", [
  orderPlacedSchema,
  orderReadyRequestedSchema,
  orderCancelledSchema,
  notificationResendSchema,
  paymentRefundSchema,
]);
