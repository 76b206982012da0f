import { Prisma } from "../generated/prisma/client.ts";
import type { OrderStatus, PaymentStatus, RefundStatus } from "../generated/prisma/enums.ts";
import { OPEN_STATUSES_SQL } from "../store/open-statuses.ts";

/**
 * The part of a customer's status view that moves, payment included (paid, refunded):
 * everything else is fixed once the order is placed.
 */
export type OrderProgress = {
  status: OrderStatus;
  /** When it was placed; for an order paid online, when the payment came (lib/payments/settle-checkout.ts). */
  placedAt: Date;
  queuedAt: Date | null;
  startedAt: Date | null;
  readyRequestedAt: Date | null;
  readyAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** 1 = next; only while PLACED or QUEUED. */
  queuePosition: number | null;
  /** Median queued → ready over the latest 20 ready orders of the order's business day. */
  medianPrepSeconds: number | null;
  paymentStatus: PaymentStatus;
  /** When the online checkout stops being payable; null without one or once it is paid. */
  checkoutExpiresAt: Date | null;
  /** The refund of a cancelled order paid online, if one is owed. */
  refundStatus: RefundStatus | null;
  refundAmountCents: number | null;
  /** A scheduled order's time to go to the kitchen, and when it did. */
  fireAt: Date | null;
  firedAt: Date | null;
};

type Row = OrderProgress & { id: string };

/**
 * The progress of many orders in one statement, whatever their number: a status stream
 * per waiting customer would otherwise cost one read per customer on every change in
 * the shop. Queue positions come from one ranking of the open orders in the kitchen's
 * order (queued first, then placed; by queue time, then ticket: the same order as
 * counting the open orders ahead), medians once per business day present.
 * Orders that no longer exist are absent from the result.
 */
export async function readOrderProgress(options: {
  prisma: Pick<Prisma.TransactionClient, "$queryRaw">;
  ids: readonly string[];
}): Promise<Map<string, OrderProgress>> {
  const result = new Map<string, OrderProgress>();
  if (options.ids.length === 0) return result;
  const rows = await options.prisma.$queryRaw<Row[]>`
    WITH wanted AS (
      SELECT o."id", o."status", o."createdAt" AS "placedAt", o."queuedAt", o."startedAt", o."readyRequestedAt", o."readyAt", o."cancelledAt",
        o."cancelReason", o."businessDate", o."paymentStatus", o."fireAt", o."firedAt",
        CASE WHEN p."paidAt" IS NULL THEN p."expiresAt" END AS "checkoutExpiresAt",
        r."status" AS "refundStatus", r."amountCents" AS "refundAmountCents"
      FROM "Order" o
      LEFT JOIN "Payment" p ON p."orderId" = o."id"
      LEFT JOIN "Refund" r ON r."orderId" = o."id"
      WHERE o."id" = ANY(${options.ids as string[]}::uuid[])
    ),
    ranked AS (
      SELECT o."id", row_number() OVER (
        ORDER BY COALESCE(o."queuedAt", 'infinity'), o."businessDate", o."ticketNumber"
      )::int AS "position"
      FROM "Order" o
      WHERE o."status" IN ${OPEN_STATUSES_SQL} AND EXISTS (SELECT 1 FROM wanted w WHERE w."status" IN ('PLACED', 'QUEUED'))
    ),
    medians AS (
      SELECT d."businessDate", (
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds) FROM (
          SELECT extract(epoch FROM o."readyAt" - o."queuedAt")::float8 AS seconds FROM "Order" o
          WHERE o."businessDate" = d."businessDate" AND o."status" = 'READY' AND o."queuedAt" IS NOT NULL AND o."readyAt" IS NOT NULL
          ORDER BY o."readyAt" DESC LIMIT 20
        ) r
      ) AS "medianPrepSeconds"
      FROM (SELECT DISTINCT "businessDate" FROM wanted) d
    )
    SELECT w."id"::text AS "id", w."status", w."placedAt", w."queuedAt", w."startedAt", w."readyRequestedAt", w."readyAt", w."cancelledAt",
      w."cancelReason", w."paymentStatus", w."fireAt", w."firedAt", w."checkoutExpiresAt", w."refundStatus", w."refundAmountCents",
      CASE WHEN w."status" IN ('PLACED', 'QUEUED') THEN r."position" END AS "queuePosition",
      m."medianPrepSeconds"
    FROM wanted w
    LEFT JOIN ranked r ON r."id" = w."id"
    LEFT JOIN medians m ON m."businessDate" = w."businessDate"`;
  for (const { id, ...progress } of rows) result.set(id, progress);
  return result;
}
