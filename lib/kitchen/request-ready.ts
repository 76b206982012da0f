import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import type { OrderStatus, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";
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

type BumpOptions = {
  prisma: PrismaClient;
  transport: Transport;
  orderId: string;
  now?: Date;
};

/**
 * A barista bumps a ticket. The web does not complete the order itself: it records the
 * request and an outbox row in one statement and hands the message to the worker,
 * which marks the order READY and tells the customer. readyRequestedAt doubles as the
 * idempotency guard, so a double click writes one outbox row. The audit line commits
 * with the bump; a repeated bump is recorded too (a barista pressed Ready), a refused
 * one is not.
 */
export function requestReady(options: BumpOptions & { actor: AuditActor }): Promise<ReadyRequest> {
  const { actor, orderId } = options;
  return bump(options, (tx, ticketNumber) => recordStaffAction({ tx, actor, action: "order.ready", orderId, summary: `Bumped #${ticketNumber}` }));
}

/**
 * The bump of an order whose last station is done: part of that station's action
 * (markStationDone), which has its own audit line, so it writes none.
 */
export function bumpFinishedOrder(options: BumpOptions): Promise<ReadyRequest> {
  return bump(options, async () => {});
}

async function bump(options: BumpOptions, audit: (tx: Prisma.TransactionClient, ticketNumber: number) => Promise<void>): Promise<ReadyRequest> {
  const { prisma, transport, orderId } = options;
  const now = options.now ?? new Date();

  const body: OrderReadyRequestedMessage = buildOrderReadyRequested({
    outboxId: crypto.randomUUID(),
    orderId,
    requestedAt: now.toISOString(),
  });
  const result = await prisma.$transaction(async (tx) => {
    // One statement: the request and its outbox row commit together, or neither does.
    // The final SELECT reads the order as it was before this statement.
    const [order] = await tx.$queryRaw<{ ticketNumber: number; status: OrderStatus; readyRequestedAt: Date | null; created: boolean }[]>`
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
      const current = await tx.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true, readyRequestedAt: true } });
      if (!current) throw orderNotFound();
      Object.assign(order, current);
      const alreadyBumped = order.status === "READY" || (order.readyRequestedAt !== null && order.status !== "CANCELLED");
      if (!alreadyBumped) throw orderConflict("ready", order);
    }
    await audit(tx, order.ticketNumber);
    return order;
  });

  if (!result.created) {
    return {
      orderId,
      ticketNumber: result.ticketNumber,
      readyRequestedAt: (result.readyRequestedAt ?? now).toISOString(),
      created: false,
      sent: false,
    };
  }

  logger.info({ orderId, ticket: result.ticketNumber }, "order ready requested");
  const sent = await sendOutboxMessage({
    prisma,
    transport,
    row: { id: body.outboxId, orderId, destination: "ORDERS_QUEUE", type: body.type, body },
  });
  return { orderId, ticketNumber: result.ticketNumber, readyRequestedAt: now.toISOString(), created: true, sent };
}
