import type { PrismaClient } from "../generated/prisma/client.ts";
import { orderConflict, orderNotFound, UUID } from "../kds/order-conflict.ts";
import { logger } from "../log.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import { orderReadyRequestedSchema, type OrderReadyRequestedMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";

export type ReadyRequest = {
  orderId: string;
  ticketNumber: number;
  readyRequestedAt: string;
  /** false when the ticket had already been bumped (a second click): nothing new was written. */
  created: boolean;
  /** Whether the message reached the queue now; if not, the reconciler sends it. */
  sent: boolean;
};

/**
 * A barista bumps a ticket. The web does not complete the order itself: it records the
 * request and an outbox row in one transaction and hands the message to the worker,
 * which marks the order READY and tells the customer. readyRequestedAt doubles as the
 * idempotency guard, so a double click writes one outbox row.
 */
export async function requestReady(options: {
  prisma: PrismaClient;
  transport: Transport;
  orderId: string;
  now?: Date;
}): Promise<ReadyRequest> {
  const { prisma, transport, orderId } = options;
  if (!UUID.test(orderId)) throw orderNotFound();
  const now = options.now ?? new Date();

  const created = await prisma.$transaction(async (tx) => {
    // Barista may bump straight from QUEUED (a quick drink that was never "started").
    const { count } = await tx.order.updateMany({
      where: { id: orderId, status: { in: ["IN_PROGRESS", "QUEUED"] }, readyRequestedAt: null },
      data: { readyRequestedAt: now },
    });
    if (count === 0) return null;
    const outboxId = crypto.randomUUID();
    const body: OrderReadyRequestedMessage = orderReadyRequestedSchema.parse({
      type: "order.ready_requested",
      outboxId,
      orderId,
      requestedAt: now.toISOString(),
    });
    await tx.outboxMessage.create({ data: { id: outboxId, orderId, destination: "ORDERS_QUEUE", type: body.type, body } });
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { ticketNumber: true } });
    return { body, ticketNumber: order.ticketNumber };
  });

  if (!created) {
    const order = await prisma.order.findUnique({
      where: { id: orderId },
      select: { ticketNumber: true, status: true, readyRequestedAt: true },
    });
    if (!order) throw orderNotFound();
    const alreadyBumped = order.status === "READY" || (order.readyRequestedAt !== null && order.status !== "CANCELLED");
    if (!alreadyBumped) throw orderConflict("ready", order);
    return {
      orderId,
      ticketNumber: order.ticketNumber,
      readyRequestedAt: (order.readyRequestedAt ?? now).toISOString(),
      created: false,
      sent: false,
    };
  }

  logger.info({ orderId, ticket: created.ticketNumber }, "order ready requested");
  const sent = await sendOutboxMessage({
    prisma,
    transport,
    row: { id: created.body.outboxId, orderId, destination: "ORDERS_QUEUE", type: created.body.type, body: created.body },
  });
  return { orderId, ticketNumber: created.ticketNumber, readyRequestedAt: now.toISOString(), created: true, sent };
}
