import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";

export type PrioritizedOrder = { orderId: string; ticketNumber: number; prioritizedAt: string | null };

type Row = { ticketNumber: number; prioritizedAt: Date | null; changed: boolean };

/**
 * Moves a ticket on the board to the front (priority true) or back to its place in the
 * queue (false). Setting it again keeps the first time, so a double click does not
 * reorder prioritized tickets among themselves. The audit line commits with the change.
 */
export async function prioritizeOrder(options: {
  prisma: Pick<PrismaClient, "$transaction" | "order">;
  actor: AuditActor;
  orderId: string;
  priority: boolean;
  now?: Date;
}): Promise<PrioritizedOrder> {
  const { prisma, actor, orderId, priority } = options;
  const now = options.now ?? new Date();

  const order = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      WITH changed AS (
        UPDATE "Order" SET "prioritizedAt" = CASE WHEN ${priority} THEN COALESCE("prioritizedAt", ${now}) END
        WHERE "id" = ${orderId}::uuid AND "status" IN ('QUEUED', 'IN_PROGRESS')
        RETURNING "id", "prioritizedAt"
      )
      SELECT o."ticketNumber", c."prioritizedAt", (c."id" IS NOT NULL) AS "changed"
      FROM "Order" o LEFT JOIN changed c ON c."id" = o."id" WHERE o."id" = ${orderId}::uuid`;
    if (row?.changed) {
      await recordStaffAction({ tx, actor, action: "order.priority", orderId, summary: `${priority ? "Prioritized" : "Unprioritized"} #${row.ticketNumber}` });
    }
    return row;
  });
  if (!order) throw orderNotFound();
  if (!order.changed) {
    // The order may have moved on after this statement's snapshot: describe it as it is now.
    const current = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true } });
    throw current ? orderConflict("priority", current) : orderNotFound();
  }

  logger.info({ orderId, ticket: order.ticketNumber, priority }, "ticket priority changed");
  return { orderId, ticketNumber: order.ticketNumber, prioritizedAt: order.prioritizedAt?.toISOString() ?? null };
}
