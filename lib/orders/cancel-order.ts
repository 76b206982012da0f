import { AppError } from "../errors.ts";
import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { buildPaymentRefund } from "../messages/payment-refund.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import { FIRST_REFUND_ATTEMPT, insertRefundDueSql, insertRefundMessageSql, refundOutboxRow } from "../payments/refund-due-sql.ts";
import type { Transport } from "../queue/transport.ts";

const CUSTOMER_CANCEL_REASON = "Cancelled by the customer";
const NOT_PAID_NOTHING_TO_CANCEL = "This order isn't paid, so it won't be made: just leave the payment page and it expires on its own.";

export const TOO_LATE_TO_CANCEL =
  "Your order is already being made, so it can't be cancelled now — please talk to the barista.";

/** What the customer is told: the order is cancelled, and what is coming back to them (null: nothing was paid online). */
export type CancelOrderResult = { status: "CANCELLED"; refund: { amountCents: number } | null };

type Row = { status: OrderStatus; cancelled: boolean; refundCents: number | null; refundMessage: boolean };

/**
 * The customer cancels their order, which is only possible before a barista starts it
 * (SCHEDULED for a later pickup, PLACED or QUEUED). One conditional update, so a cancel racing the barista's Start
 * has exactly one winner; cancelling twice is fine (the second changes nothing). The
 * worker only moves PLACED orders on, so an order.placed message still in the queue
 * cannot bring a cancelled order back. An order paid online is owed its money back by the
 * same statement (a Refund row and a `payment.refund` message the worker acts on).
 */
export async function cancelOrder(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "order" | "outboxMessage">;
  transport: Transport;
  publicToken: string;
  now?: Date;
}): Promise<CancelOrderResult> {
  const { prisma, publicToken } = options;
  const now = options.now ?? new Date();
  // The refund message names the order, so its id is needed before the statement.
  const order = await prisma.order.findUnique({ where: { publicToken }, select: { id: true, ticketNumber: true } });
  if (!order) throw new AppError("NOT_FOUND", "We couldn't find that order");
  const orderId = order.id;
  const message = buildPaymentRefund({ outboxId: crypto.randomUUID(), orderId, attempt: FIRST_REFUND_ATTEMPT });

  // The final SELECT reads the order (and any earlier refund) as it was before this statement.
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH cancelled AS (
      UPDATE "Order" SET "status" = 'CANCELLED', "cancelledAt" = ${now}, "cancelReason" = ${CUSTOMER_CANCEL_REASON}
      WHERE "id" = ${orderId}::uuid AND "status" IN ('SCHEDULED', 'PLACED', 'QUEUED')
      RETURNING "id"
    ),
    refund AS (${insertRefundDueSql}),
    refund_message AS (${insertRefundMessageSql(message)})
    SELECT o."status"::text AS "status", EXISTS (SELECT 1 FROM cancelled) AS "cancelled",
      COALESCE((SELECT r."amountCents" FROM refund r), (SELECT r."amountCents" FROM "Refund" r WHERE r."orderId" = o."id")) AS "refundCents",
      EXISTS (SELECT 1 FROM refund_message) AS "refundMessage"
    FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
  if (!row) throw new AppError("NOT_FOUND", "We couldn't find that order");
  const refund = row.refundCents === null ? null : { amountCents: row.refundCents };
  if (row.cancelled) {
    logger.info({ orderId, ticket: order.ticketNumber, refundCents: row.refundCents }, "order cancelled by the customer");
    if (row.refundMessage) {
      await sendOutboxMessage({ prisma, transport: options.transport, row: refundOutboxRow(message) });
    }
    return { status: "CANCELLED", refund };
  }
  if (row.status === "CANCELLED") return { status: "CANCELLED", refund };
  // A barista's Start (or another cancel) may have committed after this statement's
  // snapshot: only then is the order re-read, to answer with what it is now.
  const current =
    row.status === "SCHEDULED" || row.status === "PLACED" || row.status === "QUEUED"
      ? await prisma.order.findUnique({ where: { id: orderId }, select: { status: true, refund: { select: { amountCents: true } } } })
      : { status: row.status, refund: null };
  if (!current) throw new AppError("NOT_FOUND", "We couldn't find that order");
  if (current.status === "CANCELLED") return { status: "CANCELLED", refund: current.refund };
  // Not paid (yet): nothing to cancel, it is only made once paid and expires unpaid.
  if (current.status === "AWAITING_PAYMENT" || current.status === "PAYMENT_EXPIRED") {
    throw new AppError("CONFLICT", NOT_PAID_NOTHING_TO_CANCEL, { status: current.status });
  }
  throw new AppError("CONFLICT", TOO_LATE_TO_CANCEL, { status: current.status });
}
