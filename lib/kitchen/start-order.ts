import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";
import { logger } from "../log.ts";

export type StartedOrder = { orderId: string; ticketNumber: number; status: "IN_PROGRESS"; startedAt: string; claimedBy: string };

/**
 * A barista starts (claims) a queued ticket. The update is conditional on the status, so
 * two screens pressing Start at the same moment cannot both succeed: the loser gets a
 * 409 naming the barista who has it. The audit line commits with the start.
 */
export async function startOrder(options: {
  prisma: Pick<PrismaClient, "$transaction" | "order">;
  actor: AuditActor;
  orderId: string;
  /** The barista's name as they typed it on the kitchen display. */
  barista: string;
  now?: Date;
}): Promise<StartedOrder> {
  const { prisma, actor, orderId, barista } = options;
  const now = options.now ?? new Date();

  // The final SELECT reads the order as it was before this statement's update.
  const order = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ ticketNumber: number; status: OrderStatus; started: boolean }[]>`
      WITH started AS (
        UPDATE "Order" SET "status" = 'IN_PROGRESS', "startedAt" = ${now}, "claimedBy" = ${barista}
        WHERE "id" = ${orderId}::uuid AND "status" = 'QUEUED'
        RETURNING "id"
      )
      SELECT o."ticketNumber", o."status"::text AS "status", EXISTS (SELECT 1 FROM started) AS "started"
      FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
    if (row?.started) await recordStaffAction({ tx, actor, action: "order.start", orderId, summary: `Started #${row.ticketNumber}` });
    return row;
  });
  if (!order) throw orderNotFound();
  if (!order.started) {
    // A concurrent start may have committed after this statement's snapshot was taken:
    // the conflict must describe the order (and who claimed it) as it is now.
    const current = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true, claimedBy: true } });
    throw current ? orderConflict("start", current) : orderNotFound();
  }

  logger.info({ orderId, ticket: order.ticketNumber }, "order started");
  return { orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS", startedAt: now.toISOString(), claimedBy: barista };
}
