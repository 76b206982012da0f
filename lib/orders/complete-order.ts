import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { markOutboxProcessed } from "../outbox/mark-outbox-processed.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { OrderReadyEvent, OrderReadyRequestedMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";

/**
 * Completes a bumped order: READY + readyAt, the request's outbox row processed and an
 * `order.ready` event row, all in one transaction; the event is published after commit
 * (or by the reconciler if that fails). Only a real status change writes an event, so a
 * redelivered request publishes nothing new, and a cancelled order stays cancelled.
 */
export async function completeOrder(options: {
  prisma: PrismaClient;
  transport: Transport;
  message: OrderReadyRequestedMessage;
  now?: Date;
}): Promise<{ completed: boolean }> {
  const { prisma, transport, message } = options;
  const { orderId } = message;
  const now = options.now ?? new Date();

  const event = await prisma.$transaction(async (tx) => {
    const { count } = await tx.order.updateMany({
      where: { id: orderId, status: { in: ["QUEUED", "IN_PROGRESS"] }, readyRequestedAt: { not: null } },
      data: { status: "READY", readyAt: now },
    });
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, ticketNumber: true, customerName: true } });
    if (!order) throw new AppError("NOT_FOUND", `order ${orderId} does not exist`);
    await markOutboxProcessed({ db: tx, outboxId: message.outboxId, now });
    if (count === 0) {
      logger.info({ orderId, status: order.status }, "ready request changed nothing");
      return null;
    }
    const body: OrderReadyEvent = {
      type: "order.ready",
      outboxId: crypto.randomUUID(),
      orderId,
      ticketNumber: order.ticketNumber,
      customerName: order.customerName,
      readyAt: now.toISOString(),
    };
    await tx.outboxMessage.create({ data: { id: body.outboxId, orderId, destination: "EVENTS_TOPIC", type: body.type, body } });
    return body;
  });
  if (!event) return { completed: false };

  logger.info({ orderId, ticket: event.ticketNumber }, "order ready");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: event.outboxId, orderId, destination: "EVENTS_TOPIC", type: event.type, body: event },
  });
  return { completed: true };
}
