import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { ORDER_PLACED_ITEM_SELECT, orderPlacedOf } from "../messages/order-placed.ts";
import { sendOutboxMessage, type OutboxRow } from "../outbox/send-outbox-message.ts";
import type { Transport } from "../queue/transport.ts";
import { FIRE_LATE_AFTER_SECONDS } from "../schedule/fire-lateness.ts";
import type { RunAgainIn } from "../worker/repeat.ts";

/** Orders fired per transaction; more due are fired by the next one straight away. */
const FIRE_BATCH = 50;
/** Soonest next run when an order is due but claimed by another worker. */
const RECHECK_MS = 25;

export type FireResult = { fired: number; late: number; nextFireAt: Date | null };

type Fired = { id: string; ticketNumber: number; customerName: string; fireAt: Date };

/**
 * Releases scheduled orders whose fire time has come to the kitchen: SCHEDULED → PLACED with
 * their order.placed outbox rows, in one transaction, then sends them. Claimed with FOR UPDATE
 * SKIP LOCKED, so workers running this side by side each fire different orders and none twice;
 * a worker that dies before committing fires nothing (its claim goes with its transaction) and
 * the next run takes the orders. An order fired long after its time (no worker ran then) is fired
 * all the same: createdAt becomes its fire time, so it queues where it would have, and the
 * kitchen marks it late (firedAt). (docs/ARCHITECTURE.md, "Scheduled pickup")
 */
export async function fireDueOrders(options: { prisma: PrismaClient; transport: Transport; now: Date; limit?: number }): Promise<FireResult> {
  const { prisma, transport, now } = options;
  const rows = await prisma.$transaction(async (tx) => {
    const fired = await tx.$queryRaw<Fired[]>`
      WITH due AS (
        SELECT "id" FROM "Order" WHERE "status" = 'SCHEDULED' AND "fireAt" <= ${now}
        ORDER BY "fireAt" LIMIT ${options.limit ?? FIRE_BATCH} FOR UPDATE SKIP LOCKED
      )
      UPDATE "Order" o SET "status" = 'PLACED', "firedAt" = ${now}, "createdAt" = o."fireAt"
      FROM due WHERE o."id" = due."id"
      RETURNING o."id"::text AS "id", o."ticketNumber", o."customerName", o."fireAt"`;
    if (fired.length === 0) return [];
    const items = await tx.orderItem.findMany({
      where: { orderId: { in: fired.map((o) => o.id) } },
      select: { orderId: true, ...ORDER_PLACED_ITEM_SELECT },
      orderBy: { position: "asc" },
    });
    const outbox: OutboxRow[] = fired.map((order) => {
      const body = orderPlacedOf({ outboxId: randomUUID(), order: { ...order, items: items.filter((i) => i.orderId === order.id) }, placedAt: now });
      return { id: body.outboxId, orderId: order.id, destination: "ORDERS_QUEUE", type: body.type, body };
    });
    await tx.outboxMessage.createMany({
      data: outbox.map((r) => ({ id: r.id, orderId: r.orderId, destination: r.destination, type: r.type, body: r.body as object })),
    });
    return fired.map((order, n) => ({ order, row: outbox[n]! }));
  });

  let late = 0;
  for (const { order } of rows) {
    const lateSeconds = Math.round((now.getTime() - order.fireAt.getTime()) / 1000);
    if (lateSeconds > FIRE_LATE_AFTER_SECONDS) late++;
    logger.info({ orderId: order.id, ticket: order.ticketNumber, lateSeconds }, lateSeconds > FIRE_LATE_AFTER_SECONDS ? "scheduled order fired late" : "scheduled order fired");
  }
  // After commit: if a send fails the order stands, and the outbox reconciler sends it.
  await Promise.all(rows.map(({ row }) => sendOutboxMessage({ prisma, transport, row })));
  const next = await prisma.order.findFirst({ where: { status: "SCHEDULED" }, orderBy: { fireAt: "asc" }, select: { fireAt: true } });
  return { fired: rows.length, late, nextFireAt: next?.fireAt ?? null };
}

/**
 * One run of the worker's firing loop: fires everything due, and says when the next order
 * falls due, so the loop runs again at that moment (at most its interval later) and an order
 * reaches the kitchen within milliseconds of its time rather than on the next tick.
 */
export async function fireDueOrdersNow(options: {
  prisma: PrismaClient;
  transport: Transport;
  /** The clock (injected by tests; lib/clock.ts in the worker). */
  now: () => Date;
}): Promise<RunAgainIn & { fired: number }> {
  let fired = 0;
  let result: FireResult;
  do {
    result = await fireDueOrders({ prisma: options.prisma, transport: options.transport, now: options.now() });
    fired += result.fired;
  } while (result.fired === FIRE_BATCH);
  // One already due but not fired here is being fired by another worker: look again shortly.
  const next = result.nextFireAt ? Math.max(result.nextFireAt.getTime() - options.now().getTime(), RECHECK_MS) : Infinity;
  return { fired, nextRunInMs: next };
}
