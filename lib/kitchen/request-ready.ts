import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { orderConflict, orderNotFound, UUID } from "./order-conflict.ts";
import { logger } from "../log.ts";
import { buildOrderReadyRequested, type OrderReadyRequestedMessage } from "../messages/order-ready-requested.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
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
 * request and an outbox row in one statement and hands the message to the worker,
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

  const body: OrderReadyRequestedMessage = buildOrderReadyRequested({
    outboxId: crypto.randomUUID(),
    orderId,
    requestedAt: now.toISOString(),
  });
  // One statement: the request and its outbox row commit together, or neither does.
  // The final SELECT reads the order as it was before this statement.
  const [order] = await prisma.$queryRaw<{ ticketNumber: number; status: OrderStatus; readyRequestedAt: Date | null; created: boolean }[]>`
    WITH bumped AS (
      UPDATE "Order" SET "readyRequestedAt" = ${now}
      WHERE "id" = ${orderId}::uuid AND "status" IN ('IN_PROGRESS', 'QUEUED') AND "readyRequestedAt" IS NULL
      RETURNING "id"
    ),
    outbox AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${body.outboxId}::uuid, b."id", 'ORDERS_QUEUE', ${body.type}, ${JSON.stringify(body)}::jsonb FROM bumped b
    )
    SELECT o."ticketNumber", o."status"::text AS "status", o."readyRequestedAt", EXISTS (SELECT 1 FROM bumped) AS "created"
    FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
  if (!order) throw orderNotFound();

  if (!order.created) {
    // A concurrent bump may have committed after this statement's snapshot was taken
    // (its UPDATE then waited and matched nothing): read the order as it is now.
    const current = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true, readyRequestedAt: true } });
    if (!current) throw orderNotFound();
    Object.assign(order, current);
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
  const created = { body, ticketNumber: order.ticketNumber };

  logger.info({ orderId, ticket: created.ticketNumber }, "order ready requested");
  const sent = await sendOutboxMessage({
    prisma,
    transport,
    row: { id: created.body.outboxId, orderId, destination: "ORDERS_QUEUE", type: created.body.type, body: created.body },
  });
  return { orderId, ticketNumber: created.ticketNumber, readyRequestedAt: now.toISOString(), created: true, sent };
}
