import type { PrismaClient } from "../generated/prisma/client.ts";
import { BOOKING_STATUSES_SQL } from "../schedule/read-schedule.ts";
import { insertOrders, type InsertedOrder, type NewOrder } from "./insert-orders.ts";

/** Any constant: with the slot's hash, the key of the lock that bookings of one slot take turns on. */
const SLOT_LOCK_CLASS = 17_0815;

type Row = { booked: number; paused: boolean; retry: boolean };

/**
 * Inserts an order for a pickup slot if the slot still takes its drinks. Bookings of one slot
 * take turns behind a transaction-scoped lock and count in the next statement, which (READ
 * COMMITTED) sees every booking committed before it: two customers racing for the last places
 * cannot both get them. Other slots, and orders for now, are not held up. A retried request
 * (its key already used) is not counted against the slot again: insertOrders answers null.
 */
export async function insertScheduledOrder(options: {
  prisma: PrismaClient;
  order: NewOrder & { pickupAt: Date };
  capacity: number;
  drinks: number;
}): Promise<InsertedOrder | { slotTaken: true }> {
  const { prisma, order, capacity, drinks } = options;
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SLOT_LOCK_CLASS}::int, hashtext(${order.pickupAt.toISOString()}))`;
      const [row] = await tx.$queryRaw<Row[]>`
        SELECT
          COALESCE((SELECT sum(i."quantity")::int FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o."id"
            WHERE o."pickupAt" = ${order.pickupAt} AND o."status" ${BOOKING_STATUSES_SQL}), 0) AS "booked",
          EXISTS (SELECT 1 FROM "PausedSlot" p WHERE p."startsAt" = ${order.pickupAt}) AS "paused",
          EXISTS (SELECT 1 FROM "Order" o WHERE o."idempotencyKey" = ${order.idempotencyKey}) AS "retry"`;
      if (row && !row.retry && (row.paused || row.booked + drinks > capacity)) return { slotTaken: true as const };
      const [inserted] = await insertOrders({ tx, orders: [order] });
      return inserted ?? null;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
