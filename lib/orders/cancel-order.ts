import { AppError } from "../errors.ts";
import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";

const CUSTOMER_CANCEL_REASON = "Cancelled by the customer";
export const TOO_LATE_TO_CANCEL =
  "Your order is already being made, so it can't be cancelled now — please talk to the barista.";

type Row = { id: string; ticketNumber: number; status: OrderStatus; cancelled: boolean };

/**
 * The customer cancels their order, which is only possible before a barista starts it
 * (PLACED or QUEUED). One conditional update, so a cancel racing the barista's Start
 * has exactly one winner; cancelling twice is fine (the second changes nothing). The
 * worker only moves PLACED orders on, so an order.placed message still in the queue
 * cannot bring a cancelled order back.
 */
export async function cancelOrder(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "order">;
  publicToken: string;
  now?: Date;
}): Promise<{ status: "CANCELLED" }> {
  const { prisma, publicToken } = options;
  const now = options.now ?? new Date();
  // The final SELECT reads the order as it was before this statement's update.
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH cancelled AS (
      UPDATE "Order" SET "status" = 'CANCELLED', "cancelledAt" = ${now}, "cancelReason" = ${CUSTOMER_CANCEL_REASON}
      WHERE "publicToken" = ${publicToken} AND "status" IN ('PLACED', 'QUEUED')
      RETURNING "id"
    )
    SELECT o."id", o."ticketNumber", o."status"::text AS "status", EXISTS (SELECT 1 FROM cancelled) AS "cancelled"
    FROM "Order" o WHERE o."publicToken" = ${publicToken}`;
  if (!row) throw new AppError("NOT_FOUND", "We couldn't find that order");
  if (row.cancelled) {
    logger.info({ orderId: row.id, ticket: row.ticketNumber }, "order cancelled by the customer");
    return { status: "CANCELLED" };
  }
  // A barista's Start (or another cancel) may have committed after this statement's
  // snapshot: only then is the status re-read, to answer with what it is now.
  const status =
    row.status === "PLACED" || row.status === "QUEUED"
      ? (await prisma.order.findUnique({ where: { id: row.id }, select: { status: true } }))?.status
      : row.status;
  if (status === "CANCELLED") return { status: "CANCELLED" };
  if (status === undefined) throw new AppError("NOT_FOUND", "We couldn't find that order");
  throw new AppError("CONFLICT", TOO_LATE_TO_CANCEL, { status });
}
