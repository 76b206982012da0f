import { randomBytes, randomUUID } from "node:crypto";
import { batcherPerOwner, createBatcher } from "../async/create-batcher.ts";
import { isAppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { getItemsForPricing } from "../menu/get-items-for-pricing.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { OrderPlacedMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";
import { businessDate } from "./business-date.ts";
import { insertOrders, type NewOrder } from "./insert-orders.ts";
import type { PlaceOrderInput } from "./order-input.ts";
import { priceCart, type MenuItemForPricing } from "./price-order.ts";

export type PlacedOrder = {
  orderId: string;
  publicToken: string;
  ticketNumber: number;
  totalCents: number;
  status: string;
  /** false when the idempotency key matched an order that already existed. */
  created: boolean;
};

// Concurrent requests share round trips: the menu lookups of one event-loop turn are
// one query, and their inserts one statement (one commit). Under load this is what
// keeps the connection pool from becoming the queue every request waits in.
const menuLookup = batcherPerOwner((prisma: PrismaClient) =>
  createBatcher<string[], Map<string, MenuItemForPricing>>({
    run: async (idLists) => {
      const menu = await getItemsForPricing({ prisma, itemIds: [...new Set(idLists.flat())] });
      return idLists.map(() => menu);
    },
  }),
);

type InsertResult = { ticketNumber: number } | null | { error: unknown };

const orderInsert = batcherPerOwner((prisma: PrismaClient) =>
  createBatcher<NewOrder, InsertResult>({
    maxBatchSize: 50,
    run: async (orders): Promise<InsertResult[]> => {
      try {
        return await insertOrders({ prisma, orders });
      } catch (error) {
        if (orders.length === 1) throw error;
        // The statement is atomic, so nothing was written: one bad order must not fail
        // the strangers batched with it, so each is tried on its own.
        return Promise.all(
          orders.map((order) => insertOrders({ prisma, orders: [order] }).then((r) => r[0] ?? null, (e: unknown) => ({ error: e }))),
        );
      }
    },
  }),
);

async function findByIdempotencyKey(prisma: PrismaClient, idempotencyKey: string): Promise<PlacedOrder | null> {
  const o = await prisma.order.findUnique({
    where: { idempotencyKey },
    select: { id: true, publicToken: true, ticketNumber: true, totalCents: true, status: true },
  });
  return o && { orderId: o.id, publicToken: o.publicToken, ticketNumber: o.ticketNumber, totalCents: o.totalCents, status: o.status, created: false };
}

/**
 * Saves the order with its ticket number and an outbox row in one statement, then tries
 * to put it on the orders queue. If the queue is unreachable the order is still
 * accepted: the worker's reconciler sends it later from the outbox. A retried request
 * (same idempotency key) gets the order it placed the first time.
 */
export async function placeOrder(options: {
  prisma: PrismaClient;
  transport: Transport;
  timeZone: string;
  input: PlaceOrderInput;
  now?: Date;
}): Promise<PlacedOrder> {
  const { prisma, transport, input } = options;

  const menu = await menuLookup(prisma)([...new Set(input.items.map((i) => i.menuItemId))]);
  let priced: ReturnType<typeof priceCart>;
  try {
    priced = priceCart(menu, input.items);
  } catch (error) {
    // The first attempt may have been accepted before the item sold out: a retry must
    // still get that order, not an error.
    if (isAppError(error)) {
      const existing = await findByIdempotencyKey(prisma, input.idempotencyKey);
      if (existing) return existing;
    }
    throw error;
  }
  const { lines, totalCents } = priced;

  const now = options.now ?? new Date();
  const orderId = randomUUID();
  const publicToken = randomBytes(24).toString("base64url");
  const message: Omit<OrderPlacedMessage, "ticketNumber"> = {
    type: "order.placed",
    outboxId: randomUUID(),
    orderId,
    customerName: input.customerName,
    items: lines.map((l) => ({ name: l.name, quantity: l.quantity, options: l.options.map((o) => o.name), note: l.note })),
    placedAt: now.toISOString(),
  };
  const result = await orderInsert(prisma)({
    id: orderId,
    publicToken,
    idempotencyKey: input.idempotencyKey,
    businessDate: businessDate(now, options.timeZone),
    customerName: input.customerName,
    phone: input.phone ?? null,
    email: input.email ?? null,
    totalCents,
    createdAt: now,
    lines,
    outbox: { id: message.outboxId, type: message.type, body: message },
  });
  if (result !== null && "error" in result) throw result.error;
  if (result === null) {
    // The key existed already, or an identical request raced this one and won.
    const winner = await findByIdempotencyKey(prisma, input.idempotencyKey);
    if (!winner) throw new Error(`order with idempotency key ${input.idempotencyKey} was neither inserted nor found`);
    return winner;
  }

  const body: OrderPlacedMessage = { ...message, ticketNumber: result.ticketNumber };
  logger.info({ orderId, ticket: result.ticketNumber, lines: lines.length }, "order placed");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: body.outboxId, orderId, destination: "ORDERS_QUEUE", type: body.type, body },
  });
  return { orderId, publicToken, ticketNumber: result.ticketNumber, totalCents, status: "PLACED", created: true };
}
