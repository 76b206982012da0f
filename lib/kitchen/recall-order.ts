import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";

export type RecalledOrder = { orderId: string; ticketNumber: number; status: "IN_PROGRESS" };

type Row = { ticketNumber: number; status: OrderStatus; recalled: boolean };

/**
 * A barista brings a bumped ticket back onto the board: READY, or bumped and still on
 * its way through the worker. One statement: the order goes back to IN_PROGRESS (who
 * started it and when are kept) and the order's ready requests still pending are marked
 * processed, so one sent before the recall can neither complete the order nor be
 * re-sent by the reconciler. No message is written: a later bump goes through
 * requestReady again, and the customer is not told a second time (see lib/orders/mark-order-ready.ts).
 * The audit line commits with the recall.
 */
export async function recallOrder(options: {
  prisma: Pick<PrismaClient, "$transaction" | "order">;
  actor: AuditActor;
  orderId: string;
  now?: Date;
}): Promise<RecalledOrder> {
  const { prisma, actor, orderId } = options;
  const now = options.now ?? new Date();

  // The final SELECT reads the order as it was before this statement.
  const order = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      WITH recalled AS (
        UPDATE "Order" SET "status" = 'IN_PROGRESS', "readyAt" = NULL, "readyRequestedAt" = NULL, "recalledAt" = ${now},
          "startedAt" = COALESCE("startedAt", ${now})
        WHERE "id" = ${orderId}::uuid
          AND ("status" = 'READY' OR ("status" IN ('QUEUED', 'IN_PROGRESS') AND "readyRequestedAt" IS NOT NULL))
        RETURNING "id"
      ),
      dropped AS (
        UPDATE "OutboxMessage" SET "processedAt" = ${now}
        WHERE "orderId" IN (SELECT "id" FROM recalled) AND "type" = 'order.ready_requested' AND "processedAt" IS NULL
      )
      SELECT o."ticketNumber", o."status"::text AS "status", EXISTS (SELECT 1 FROM recalled) AS "recalled"
      FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
    if (row?.recalled) await recordStaffAction({ tx, actor, action: "order.recall", orderId, summary: `Recalled #${row.ticketNumber}` });
    return row;
  });
  if (!order) throw orderNotFound();
  if (!order.recalled) {
    // Another screen's recall may have committed after this statement's snapshot.
    const current = await prisma.order.findUnique({
      where: { id: orderId },
      select: { ticketNumber: true, status: true, readyRequestedAt: true, recalledAt: true },
    });
    throw current ? orderConflict("recall", current) : orderNotFound();
  }

  logger.info({ orderId, ticket: order.ticketNumber }, "order recalled to the board");
  return { orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS" };
}
