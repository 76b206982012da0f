import { AppError } from "../errors.ts";
import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import type { OrderStatus, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { bumpFinishedOrder } from "./request-ready.ts";
import type { Transport } from "../queue/transport.ts";
import { orderConflict, orderNotFound } from "./order-conflict.ts";

export type StationDone = { orderId: string; station: string; allDone: boolean; bumped: boolean };

type Row = { ticketNumber: number; status: OrderStatus; open: boolean; atStation: boolean; remaining: number };

/**
 * A station marks its part of a ticket made. When every item of the order is then made,
 * the order is bumped exactly as the Ready button does it (requestReady, idempotent).
 * The items and a no-op update of the order are one statement: the update fires the
 * order_changed trigger, so every board re-reads and the station's items disappear.
 * The audit line commits with the items; the bump that may follow writes none.
 */
export async function markStationDone(options: {
  prisma: PrismaClient;
  transport: Transport;
  actor: AuditActor;
  orderId: string;
  station: string;
  now?: Date;
}): Promise<StationDone> {
  const { prisma, transport, actor, orderId, station } = options;
  const now = options.now ?? new Date();

  // "remaining" counts from this statement's snapshot, minus what it marks itself.
  const order = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      WITH touched AS (
        UPDATE "Order" SET "status" = "status"
        WHERE "id" = ${orderId}::uuid AND "status" IN ('QUEUED', 'IN_PROGRESS')
        RETURNING "id"
      ),
      done AS (
        UPDATE "OrderItem" SET "doneAt" = ${now}
        WHERE "orderId" IN (SELECT "id" FROM touched) AND "station" = ${station} AND "doneAt" IS NULL
        RETURNING "id"
      )
      SELECT o."ticketNumber", o."status"::text AS "status", EXISTS (SELECT 1 FROM touched) AS "open",
        EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o."id" AND i."station" = ${station}) AS "atStation",
        (SELECT count(*)::int FROM "OrderItem" i WHERE i."orderId" = o."id" AND i."doneAt" IS NULL
          AND i."id" NOT IN (SELECT "id" FROM done)) AS "remaining"
      FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
    if (row?.open && row.atStation) await recordStaffAction({ tx, actor, action: "order.station_done", orderId, summary: `${station} done with #${row.ticketNumber}` });
    return row;
  });
  if (!order) throw orderNotFound();
  if (!order.open) {
    const current = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, status: true } });
    throw current ? orderConflict("station-done", current) : orderNotFound();
  }
  if (!order.atStation) throw new AppError("NOT_FOUND", `Ticket #${order.ticketNumber} has nothing to make at ${station}`);

  // Another station finishing at the same moment is invisible to this statement's
  // snapshot; a fresh read sees it, so of two last stations at least one bumps.
  let remaining = order.remaining;
  if (remaining > 0) remaining = await prisma.orderItem.count({ where: { orderId, doneAt: null } });
  const allDone = remaining === 0;
  logger.info({ orderId, ticket: order.ticketNumber, station, allDone }, "station done");
  if (!allDone) return { orderId, station, allDone, bumped: false };
  const ready = await bumpFinishedOrder({ prisma, transport, orderId, now });
  return { orderId, station, allDone, bumped: ready.created };
}
