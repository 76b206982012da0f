import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { markOutboxProcessed } from "../outbox/mark-outbox-processed.ts";
import type { OrderPlacedMessage } from "../queue/messages.ts";

/**
 * Puts a placed order on the barista board. The status change and the outbox row's
 * processedAt commit together and the update is conditional on PLACED, so a redelivered
 * or concurrently handled message changes nothing the second time.
 */
export async function queueOrder(options: {
  prisma: PrismaClient;
  message: OrderPlacedMessage;
  now?: Date;
}): Promise<{ queued: boolean }> {
  const { prisma, message } = options;
  const now = options.now ?? new Date();
  const queued = await prisma.$transaction(async (tx) => {
    const { count } = await tx.order.updateMany({
      where: { id: message.orderId, status: "PLACED" },
      data: { status: "QUEUED", queuedAt: now },
    });
    if (count === 0 && !(await tx.order.findUnique({ where: { id: message.orderId }, select: { id: true } }))) {
      // Rolls back; the message is retried and then dead-lettered for a human to look at.
      throw new AppError("NOT_FOUND", `order ${message.orderId} does not exist`);
    }
    await markOutboxProcessed({ db: tx, outboxId: message.outboxId, now });
    return count === 1;
  });
  if (queued) logger.info({ orderId: message.orderId, ticket: message.ticketNumber }, "order queued");
  else logger.debug({ orderId: message.orderId }, "order.placed already handled");
  return { queued };
}
