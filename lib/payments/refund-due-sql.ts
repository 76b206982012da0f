import { Prisma } from "../generated/prisma/client.ts";
import { PAYMENT_REFUND, type PaymentRefundMessage } from "../messages/payment-refund.ts";
import type { OutboxRow } from "../outbox/send-outbox-message.ts";

// The SQL both cancel paths (the customer's, lib/orders/cancel-order.ts, and the kitchen's,
// lib/kitchen/cancel-ticket.ts) share, so that the refund is owed in the very statement that
// cancels: no commit can leave a cancelled paid order without its Refund row.

/** A cancel owes the first attempt; only a manager's Retry raises it (lib/dashboard/retry-refund.ts). */
export const FIRST_REFUND_ATTEMPT = 1;

/**
 * The body of a CTE named `refund`: for the order in the caller's CTE `cancelled` (with an "id"
 * column), when it was paid online, the whole amount is owed back (PENDING, first attempt).
 * RETURNING "orderId", "amountCents". The order's columns are read from the statement's
 * snapshot, which the cancel does not change.
 */
export const insertRefundDueSql = Prisma.sql`
  INSERT INTO "Refund" ("orderId", "amountCents", "status", "attempt")
  SELECT o."id", o."totalCents", 'PENDING', ${FIRST_REFUND_ATTEMPT}::int
  FROM cancelled c JOIN "Order" o ON o."id" = c."id"
  WHERE o."paymentMethod" = 'ONLINE' AND o."paymentStatus" = 'PAID'
  ON CONFLICT ("orderId") DO NOTHING
  RETURNING "orderId", "amountCents"`;

/**
 * The body of a CTE that writes the `payment.refund` outbox row for the CTE `refund` above,
 * when `when` (an SQL boolean) holds; the caller sends it after commit (sendOutboxMessage).
 */
export const insertRefundMessageSql = (body: PaymentRefundMessage, when: Prisma.Sql = Prisma.sql`true`) => Prisma.sql`
  INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
  SELECT ${body.outboxId}::uuid, r."orderId", 'ORDERS_QUEUE', ${body.type}, ${JSON.stringify(body)}::jsonb
  FROM refund r WHERE r."orderId" = ${body.orderId}::uuid AND ${when}
  RETURNING "id"`;

/** The outbox row the CTE above wrote, for sendOutboxMessage after commit. */
export const refundOutboxRow = (body: PaymentRefundMessage): OutboxRow => ({
  id: body.outboxId,
  orderId: body.orderId,
  destination: PAYMENT_REFUND.destination,
  type: body.type,
  body,
});
