import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import { Prisma, type OrderStatus, type PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { buildOrderCancelled, type OrderCancelledMessage } from "../messages/order-cancelled.ts";
import { buildPaymentRefund } from "../messages/payment-refund.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import { FIRST_REFUND_ATTEMPT, insertRefundDueSql, insertRefundMessageSql, refundOutboxRow } from "../payments/refund-due-sql.ts";
import type { Transport } from "../queue/transport.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";

export type CancelledTicket = { orderId: string; ticketNumber: number; status: "CANCELLED" };

/** The reason recorded for a spam cancel when the barista gives none. */
export const SPAM_CANCEL_REASON = "Suspected spam";

type Row = { ticketNumber: number; status: OrderStatus; cancelled: boolean; refundDue: boolean; refundMessage: boolean };

/**
 * A barista cancels a ticket (queued or being made, bumped or not) with a reason. The cancel, its
 * audit line and an `order.cancelled` outbox row commit together; the worker tells the customer, so
 * the web never publishes to SNS. Conditional on the status: a cancel racing the worker's READY has
 * one winner. A spam cancel writes no `order.cancelled` row, so nothing is sent to the number or
 * address on it. An order paid online is owed its money back by the same statement (a PENDING Refund
 * row): the worker refunds it before telling the customer, and for spam, with no message to ride on,
 * a `payment.refund` row goes instead (money that is not ours goes back either way).
 * (docs/ARCHITECTURE.md, "Kitchen display and order board")
 */
export async function cancelTicket(options: {
  prisma: Pick<PrismaClient, "$transaction" | "$executeRaw" | "order" | "outboxMessage">;
  transport: Transport;
  actor: AuditActor;
  orderId: string;
  reason: string;
  /** Cancelled as spam: the customer is not told. */
  spam?: boolean;
  barista?: string | null;
  now?: Date;
}): Promise<CancelledTicket> {
  const { prisma, transport, actor, orderId, reason } = options;
  const now = options.now ?? new Date();
  const spam = options.spam ?? false;
  const body: OrderCancelledMessage = buildOrderCancelled({
    outboxId: crypto.randomUUID(),
    orderId,
    reason,
    cancelledAt: now.toISOString(),
  });
  const refundBody = buildPaymentRefund({ outboxId: crypto.randomUUID(), orderId, attempt: FIRST_REFUND_ATTEMPT });

  // The final SELECT reads the order as it was before this statement.
  const order = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      WITH cancelled AS (
        UPDATE "Order" SET "status" = 'CANCELLED', "cancelledAt" = ${now}, "cancelReason" = ${reason}, "cancelledBy" = ${options.barista ?? null},
          "cancelledAsSpam" = ${spam}
        WHERE "id" = ${orderId}::uuid AND "status" IN ('QUEUED', 'IN_PROGRESS')
        RETURNING "id"
      ),
      outbox AS (
        INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
        SELECT ${body.outboxId}::uuid, c."id", 'ORDERS_QUEUE', ${body.type}, ${JSON.stringify(body)}::jsonb FROM cancelled c WHERE NOT ${spam}::boolean
      ),
      refund AS (${insertRefundDueSql}),
      refund_message AS (${insertRefundMessageSql(refundBody, Prisma.sql`${spam}::boolean`)})
      SELECT o."ticketNumber", o."status"::text AS "status", EXISTS (SELECT 1 FROM cancelled) AS "cancelled",
        EXISTS (SELECT 1 FROM refund) AS "refundDue", EXISTS (SELECT 1 FROM refund_message) AS "refundMessage"
      FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
    if (row?.cancelled) {
      const verb = spam ? "Cancelled as spam (customer not notified)" : `Cancelled (${reason})`;
      const refund = row.refundDue ? "; the online payment is being refunded" : "";
      await recordStaffAction({ tx, actor, action: "order.cancel", orderId, summary: `${verb} #${row.ticketNumber}${refund}` });
    }
    return row;
  });
  if (!order) throw orderNotFound();
  if (!order.cancelled) {
    // The worker (READY) or another screen may have committed after this statement's
    // snapshot: describe the order as it is now.
    const current = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true } });
    throw current ? orderConflict("cancel", current) : orderNotFound();
  }

  const cancelled: CancelledTicket = { orderId, ticketNumber: order.ticketNumber, status: "CANCELLED" };
  if (spam) {
    logger.info({ orderId, ticket: order.ticketNumber, refundDue: order.refundDue }, "order cancelled by the kitchen as spam; the customer is not notified");
    if (order.refundMessage) {
      await sendOutboxMessage({ prisma, transport, row: refundOutboxRow(refundBody) });
    }
    return cancelled;
  }
  logger.info({ orderId, ticket: order.ticketNumber, refundDue: order.refundDue }, "order cancelled by the kitchen");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: body.outboxId, orderId, destination: "ORDERS_QUEUE", type: body.type, body },
  });
  return cancelled;
}
