import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { minorUnitsToDecimal, moneyFormatFor } from "../money/money-format.ts";
import { PaymentDeclinedError } from "./payment-provider.ts";
import type { Payments } from "./payments-of-config.ts";

export const PAYMENTS_SWITCHED_OFF = "Online payments are switched off; refund at the till";
export const NO_PAYMENT_RECORDED = "No online payment is recorded for this order; refund at the till";

/** What became of the refund: made now, refused (FAILED, a manager's Retry), or nothing to do. */
export type RefundOrderResult = { outcome: "refunded" | "failed" | "nothing-to-do" };

/** The provider's idempotency key: one per order and attempt, so a redelivery or a crash after the provider's answer cannot refund twice. */
export const refundIdempotencyKey = (orderId: string, attempt: number) => `brewline-refund-${orderId}-${attempt}`;

type Settlement =
  | { status: "SUCCEEDED"; providerRefundId: string; summary: string }
  | { status: "FAILED"; lastError: string; summary: string };

/**
 * The worker's side of a refund (a `payment.refund` message, or an `order.cancelled` one whose
 * order was paid online): asks the provider for the Refund row's amount, then records the answer
 * with the message's outbox row processed in one statement. Only the row's current attempt,
 * while PENDING, is acted on. A refusal is final for this attempt (FAILED, for a manager's Retry);
 * a network or provider outage is thrown, so the queue redelivers and the same idempotency key
 * gets the same refund. outboxId is left out when another use case marks the message processed
 * (announceCancellation, after this).
 */
export async function refundOrder(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "refund">;
  payments: Payments;
  orderId: string;
  attempt: number;
  outboxId?: string;
  now?: Date;
}): Promise<RefundOrderResult> {
  const { prisma, payments, orderId, attempt } = options;
  const refund = await prisma.refund.findUnique({
    where: { orderId },
    select: { amountCents: true, status: true, attempt: true, order: { select: { currency: true, payment: { select: { providerPaymentId: true } } } } },
  });
  if (!refund || refund.status !== "PENDING" || refund.attempt !== attempt) {
    logger.info({ orderId, attempt, refund: refund && { status: refund.status, attempt: refund.attempt } }, "no refund to make for this message");
    await settle({ ...options, settlement: null });
    return { outcome: "nothing-to-do" };
  }
  const amount = `${minorUnitsToDecimal(refund.amountCents, moneyFormatFor(refund.order.currency, "en-US").digits)} ${refund.order.currency}`;
  const failed = (lastError: string): Settlement => ({ status: "FAILED", lastError: lastError.slice(0, 500), summary: `Refund of ${amount} failed: ${lastError}` });
  const paymentId = refund.order.payment?.providerPaymentId ?? null;

  let settlement: Settlement;
  if (!payments.online) {
    settlement = failed(PAYMENTS_SWITCHED_OFF);
  } else if (!paymentId) {
    settlement = failed(NO_PAYMENT_RECORDED);
  } else {
    try {
      const result = await payments.online.refund({ paymentId, amount: refund.amountCents, orderId, idempotencyKey: refundIdempotencyKey(orderId, attempt) });
      settlement =
        result.status === "failed"
          ? failed(`The payment provider could not refund it${result.failureReason ? ` (${result.failureReason})` : ""}`)
          : { status: "SUCCEEDED", providerRefundId: result.id, summary: `Refunded ${amount} to the customer (${result.id})` };
    } catch (error) {
      // Anything but a refusal may pass next time: the queue redelivers (with backoff).
      if (!(error instanceof PaymentDeclinedError)) throw error;
      settlement = failed(`The payment provider refused the refund: ${error.message}`);
    }
  }

  const settled = await settle({ ...options, settlement });
  if (settlement.status === "SUCCEEDED") {
    logger.info({ orderId, attempt, providerRefundId: settlement.providerRefundId, recorded: settled }, "order refunded");
    return { outcome: "refunded" };
  }
  logger.warn({ orderId, attempt, lastError: settlement.lastError, recorded: settled }, "refund failed; a manager can retry it");
  return { outcome: "failed" };
}

/**
 * One statement: the Refund row (still this attempt and PENDING, so a concurrent delivery that
 * settled first is not overwritten), the order REFUNDED on success, an audit line, and the
 * message's outbox row processed. Returns whether the Refund row changed.
 */
async function settle(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  orderId: string;
  attempt: number;
  outboxId?: string;
  now?: Date;
  settlement: Settlement | null;
}): Promise<boolean> {
  const { orderId, attempt, settlement } = options;
  if (!settlement && !options.outboxId) return false;
  const now = options.now ?? new Date();
  const none = Prisma.sql`SELECT NULL::uuid AS "orderId" WHERE false`;
  const change = !settlement
    ? none
    : settlement.status === "SUCCEEDED"
      ? Prisma.sql`
        UPDATE "Refund" SET "status" = 'SUCCEEDED', "providerRefundId" = ${settlement.providerRefundId}, "settledAt" = ${now}, "lastError" = NULL
        WHERE "orderId" = ${orderId}::uuid AND "attempt" = ${attempt} AND "status" = 'PENDING'
        RETURNING "orderId"`
      : Prisma.sql`
        UPDATE "Refund" SET "status" = 'FAILED', "lastError" = ${settlement.lastError}
        WHERE "orderId" = ${orderId}::uuid AND "attempt" = ${attempt} AND "status" = 'PENDING'
        RETURNING "orderId"`;
  const refunded = settlement?.status === "SUCCEEDED";
  const action = refunded ? "payment.refund" : "payment.refund.failed";
  const details = settlement && JSON.stringify({ attempt, ...(settlement.status === "SUCCEEDED" ? { providerRefundId: settlement.providerRefundId } : { error: settlement.lastError }) });

  const [row] = await options.prisma.$queryRaw<{ changed: boolean }[]>`
    WITH changed AS (${change}),
    paid AS (
      UPDATE "Order" SET "paymentStatus" = 'REFUNDED'
      WHERE "id" = ${orderId}::uuid AND ${refunded}::boolean AND EXISTS (SELECT 1 FROM changed)
      RETURNING "id"
    ),
    audit AS (
      INSERT INTO "AuditLog" ("id", "at", "action", "orderId", "summary", "details")
      SELECT ${randomUUID()}::uuid, ${now}, ${action}, ${orderId}::uuid, ${settlement?.summary.slice(0, 500) ?? ""}, ${details}::jsonb
      WHERE EXISTS (SELECT 1 FROM changed)
      RETURNING "id"
    ),
    processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${options.outboxId ?? null}::uuid AND "orderId" = ${orderId}::uuid AND "processedAt" IS NULL
      RETURNING "id"
    )
    SELECT EXISTS (SELECT 1 FROM changed) AS "changed"`;
  return row?.changed ?? false;
}
