import type { PrismaClient } from "../generated/prisma/client.ts";
import { orderConflict, orderNotFound, UUID } from "../kds/order-conflict.ts";
import { logger } from "../log.ts";

export type StartedOrder = { orderId: string; ticketNumber: number; status: "IN_PROGRESS"; startedAt: string };

/**
 * A barista starts a queued ticket. The update is conditional on the status, so two
 * screens pressing Start at the same moment cannot both succeed: the loser gets a 409
 * saying what happened.
 */
export async function startOrder(options: { prisma: PrismaClient; orderId: string; now?: Date }): Promise<StartedOrder> {
  const { prisma, orderId } = options;
  if (!UUID.test(orderId)) throw orderNotFound();
  const now = options.now ?? new Date();

  const { count } = await prisma.order.updateMany({
    where: { id: orderId, status: "QUEUED" },
    data: { status: "IN_PROGRESS", startedAt: now },
  });
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: { ticketNumber: true, status: true, startedAt: true },
  });
  if (!order) throw orderNotFound();
  if (count === 0) throw orderConflict("start", order);

  logger.info({ orderId, ticket: order.ticketNumber }, "order started");
  return { orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS", startedAt: (order.startedAt ?? now).toISOString() };
}
