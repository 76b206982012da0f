import { randomBytes, randomUUID } from "node:crypto";
import { batcherPerOwner, createBatcher } from "../async/create-batcher.ts";
import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import { AppError, isAppError } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { storeMoneyFromEnv } from "../money/store-money.ts";
import { getItemsForPricing } from "../menu/get-items-for-pricing.ts";
import type { MenuItemForPricing } from "../menu/menu-types.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { Transport } from "../queue/transport.ts";
import { readPickupOffer, slotUnavailable } from "../schedule/list-pickup-slots.ts";
import { planPickup, type PickupPlan } from "../schedule/plan-pickup.ts";
import { readStoreSettings } from "../store/read-store-settings.ts";
import { AT_CAPACITY_MESSAGE, computeStoreState, storeRefusal, type StoreSettingsSnapshot } from "../store/store-state.ts";
import { businessDate } from "./business-date.ts";
import { initialStatus, insertOrders, type InsertedOrder, type NewOrder } from "./insert-orders.ts";
import { insertScheduledOrder } from "./insert-scheduled-order.ts";
import type { PlaceOrderInput } from "./order-input.ts";
import { orderTotals, tipFromChoice } from "./order-totals.ts";
import { priceCart } from "./price-order.ts";
import { orderRequestHash } from "./request-hash.ts";

export type PlacedOrder = {
  orderId: string;
  publicToken: string;
  ticketNumber: number;
  subtotalCents: number;
  taxCents: number;
  tipCents: number;
  totalCents: number;
  /** AWAITING_PAYMENT for an order paid online (the route then opens its checkout), SCHEDULED for a pickup slot, else PLACED. */
  status: string;
  /** The pickup slot's start (ISO); null = as soon as possible. */
  pickupAt: string | null;
  /** false when the idempotency key matched an order that already existed. */
  created: boolean;
};

// Concurrent requests share round trips: the menu lookups of one event-loop turn are
// one query, and their inserts one transaction (one commit). Under load this is what
// keeps the connection pool from becoming the queue every request waits in. The
// store's settings (hours, pause, tax rate) are read beside the menu, in parallel and
// once per batch, so they add no round trip of their own to an order.
const menuLookup = batcherPerOwner((prisma: PrismaClient) =>
  createBatcher<string[], { menu: Map<string, MenuItemForPricing>; settings: StoreSettingsSnapshot }>({
    run: async (idLists) => {
      const [menu, { settings }] = await Promise.all([
        getItemsForPricing({ prisma, itemIds: [...new Set(idLists.flat())] }),
        readStoreSettings({ prisma, countOpenOrders: false }),
      ]);
      return idLists.map(() => ({ menu, settings }));
    },
  }),
);

/** Any constant: the key of the lock that batches of orders take turns on while a capacity limit is set. */
const CAPACITY_LOCK_KEY = 7_420_261_127;

/**
 * While a capacity limit is set, batches take turns behind a transaction-scoped lock and insert
 * in the next statement: a statement's snapshot misses orders a concurrent one commits, so two
 * batches counting inside their own inserts could both take the last place. Walk-up audit lines
 * are later statements too. Otherwise the insert (orders, items, outbox rows) is one statement,
 * atomic on its own: no BEGIN and COMMIT round trips. (docs/ARCHITECTURE.md, "Placing an order")
 */
function insertBatch(prisma: PrismaClient, orders: NewOrder[], capped: boolean): Promise<InsertedOrder[]> {
  if (!capped && orders.every((o) => !o.keyedInBy)) return insertOrders({ tx: prisma, orders });
  return prisma.$transaction(
    async (tx) => {
      if (capped) await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${CAPACITY_LOCK_KEY}::bigint)`;
      const inserted = await insertOrders({ tx, orders });
      await recordWalkUps(tx, orders, inserted);
      return inserted;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/** A walk-up order that was inserted gets its barista's audit line; a retried key inserts nothing and records nothing. */
async function recordWalkUps(tx: Prisma.TransactionClient, orders: NewOrder[], inserted: InsertedOrder[]): Promise<void> {
  for (const [n, order] of orders.entries()) {
    const row = inserted[n];
    if (!order.keyedInBy || !row || !("ticketNumber" in row)) continue;
    await recordStaffAction({ tx, actor: order.keyedInBy, action: "order.walk_up", orderId: order.id, summary: `Keyed in counter order #${row.ticketNumber}` });
  }
}

type InsertRequest = { order: NewOrder; capped: boolean };
type InsertResult = InsertedOrder | { error: unknown };

const orderInsert = batcherPerOwner((prisma: PrismaClient) =>
  createBatcher<InsertRequest, InsertResult>({
    maxBatchSize: 50,
    run: async (requests): Promise<InsertResult[]> => {
      const capped = requests.some((r) => r.capped);
      try {
        return await insertBatch(prisma, requests.map((r) => r.order), capped);
      } catch (error) {
        if (requests.length === 1) throw error;
        // The statement is atomic, so nothing was written: one bad order must not fail
        // the strangers batched with it, so each is tried on its own.
        return Promise.all(
          requests.map((r) => insertBatch(prisma, [r.order], capped).then((rows) => rows[0] ?? null, (e: unknown) => ({ error: e }))),
        );
      }
    },
  }),
);

/**
 * Online (the default: paid online when the input asks and the store takes online payments, else at
 * pickup), or keyed in at the counter by a barista, whose audit line commits with the order, with how
 * the customer paid at the till.
 */
type OrderOrigin =
  | { source?: "ONLINE"; onlinePayments?: boolean }
  | { source: "WALK_UP"; keyedInBy: AuditActor; paymentMethod?: "PAY_AT_PICKUP" | "CASH" | "CARD_AT_TILL" };

const ONLINE_PAYMENTS_OFF_MESSAGE = "This café takes payment at pickup only: choose pay at pickup";
const TIP_NEEDS_ONLINE_MESSAGE = "A tip can only be added when paying online";

type Payment = Pick<NewOrder, "paymentMethod" | "paymentStatus" | "awaitingPayment">;

/** How the order is paid, from its origin and input; throws VALIDATION for a choice the store does not offer. */
function paymentOf(options: OrderOrigin, input: PlaceOrderInput): Payment {
  if (options.source === "WALK_UP") {
    const method = options.paymentMethod ?? "PAY_AT_PICKUP";
    return { paymentMethod: method, paymentStatus: method === "PAY_AT_PICKUP" ? "UNPAID" : "PAID", awaitingPayment: false };
  }
  if (input.payment === "online") {
    if (!options.onlinePayments) throw new AppError("VALIDATION", ONLINE_PAYMENTS_OFF_MESSAGE, { field: "payment" });
    return { paymentMethod: "ONLINE", paymentStatus: "UNPAID", awaitingPayment: true };
  }
  if (input.tip && ("percent" in input.tip ? input.tip.percent > 0 : input.tip.amount > 0)) {
    throw new AppError("VALIDATION", TIP_NEEDS_ONLINE_MESSAGE, { field: "tip" });
  }
  return { paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID", awaitingPayment: false };
}

/** Inserts an order for a pickup slot; if another customer took the last places since the offer was read, SLOT_UNAVAILABLE with what is free now. */
async function bookSlot(prisma: PrismaClient, o: { order: NewOrder; plan: PickupPlan; timeZone: string; now: Date }): Promise<InsertedOrder> {
  const { plan } = o;
  const result = await insertScheduledOrder({ prisma, order: { ...o.order, pickupAt: plan.pickupAt }, capacity: plan.capacity, drinks: plan.drinks });
  if (result === null || !("slotTaken" in result)) return result;
  const fresh = await readPickupOffer({ prisma, timeZone: o.timeZone, now: o.now });
  throw slotUnavailable({ view: fresh.view, pickupAt: plan.pickupAt, drinks: plan.drinks, taken: true });
}

export const KEY_REUSED_MESSAGE = "This order key was already used for a different order";

/**
 * The order this idempotency key placed, if this request is a retry of it (same
 * device, same order: see request-hash.ts). A different request with a used key gets
 * CONFLICT and nothing of the order: the key alone must not be a way to its status link.
 */
async function findByIdempotencyKey(prisma: PrismaClient, idempotencyKey: string, requestHash: string): Promise<PlacedOrder | null> {
  const o = await prisma.order.findUnique({
    where: { idempotencyKey },
    select: { id: true, publicToken: true, ticketNumber: true, subtotalCents: true, taxCents: true, tipCents: true, totalCents: true, status: true, requestHash: true, pickupAt: true },
  });
  if (!o) return null;
  // Orders placed before the hash was kept have none: no retry can prove it is one.
  if (o.requestHash !== requestHash) throw new AppError("CONFLICT", KEY_REUSED_MESSAGE);
  return { orderId: o.id, publicToken: o.publicToken, ticketNumber: o.ticketNumber, subtotalCents: o.subtotalCents, taxCents: o.taxCents, tipCents: o.tipCents, totalCents: o.totalCents, status: o.status, pickupAt: o.pickupAt?.toISOString() ?? null, created: false };
}

/**
 * Saves the order, its ticket number and outbox row in one transaction, then tries the orders
 * queue; if that is unreachable the order still stands and the reconciler sends it. A retry (same
 * key, device and order) gets its first order even if the store closed, paused or filled up since;
 * another request with that key gets CONFLICT. Walk-ups skip the STORE_CLOSED, STORE_PAUSED and
 * AT_CAPACITY refusals: the barista took them. (docs/ARCHITECTURE.md, "Placing an order")
 */
export async function placeOrder(
  options: {
    prisma: PrismaClient;
    transport: Transport;
    timeZone: string;
    /** STORE_CURRENCY (default: the environment's): the order keeps the currency its amounts are in. */
    currency?: string;
    input: PlaceOrderInput;
    /** A check that must pass before anything is written (the route's rate limit); started beside the menu lookup. */
    admit?: () => Promise<void>;
    now?: Date;
  } & OrderOrigin,
): Promise<PlacedOrder> {
  const { prisma, transport, input } = options;
  const source = options.source ?? "ONLINE";
  const keyedInBy = options.source === "WALK_UP" ? options.keyedInBy : null;
  const requestHash = orderRequestHash({ input, source });
  const payment = paymentOf(options, input);

  const now = options.now ?? new Date();
  // For later: the slot's rules replace those of ordering now (hours, busy pause, open-orders cap).
  const pickupAt = source === "ONLINE" ? input.pickupAt : undefined;
  const [{ menu, settings }, , offer] = await Promise.all([
    menuLookup(prisma)([...new Set(input.items.map((i) => i.menuItemId))]),
    options.admit?.(),
    pickupAt ? readPickupOffer({ prisma, timeZone: options.timeZone, now }) : null,
  ]);
  let priced: ReturnType<typeof priceCart>;
  let plan: PickupPlan | null = null;
  try {
    const refusal = source === "ONLINE" && !pickupAt && storeRefusal(computeStoreState({ settings, openOrders: null, now, timeZone: options.timeZone }));
    if (refusal) throw refusal;
    priced = priceCart(menu, input.items);
    if (pickupAt && offer) {
      const lines = priced.lines.map((l) => ({ quantity: l.quantity, prepSeconds: menu.get(l.menuItemId)?.prepSeconds }));
      plan = planPickup({ offer, pickupAt, lines });
    }
  } catch (error) {
    // The first attempt may have been accepted before the item sold out or the store
    // closed: a retry must still get that order, not an error.
    if (isAppError(error)) {
      const existing = await findByIdempotencyKey(prisma, input.idempotencyKey, requestHash);
      if (existing) return existing;
    }
    throw error;
  }
  const { lines, totalCents: subtotal } = priced;
  const tip = payment.awaitingPayment && input.tip ? tipFromChoice({ subtotal, choice: input.tip }) : 0;
  const taxIncluded = settings.pricesIncludeTax;
  const totals = orderTotals({ subtotal, taxRateBasisPoints: settings.taxRateBasisPoints, taxIncluded, tip });
  const { subtotal: subtotalCents, tax: taxCents, tip: tipCents, total: totalCents } = totals;

  const orderId = randomUUID();
  const publicToken = randomBytes(24).toString("base64url");
  const placed: NewOrder["placed"] = {
    outboxId: randomUUID(),
    orderId,
    customerName: input.customerName,
    items: lines.map((l) => ({ name: l.name, quantity: l.quantity, options: l.options.map((o) => o.name), note: l.note })),
    placedAt: now.toISOString(),
  };
  const order: NewOrder = {
    id: orderId,
    publicToken,
    idempotencyKey: input.idempotencyKey,
    requestHash,
    // A ticket of the day it is made: an order tonight for tomorrow gets tomorrow's number.
    businessDate: businessDate(plan?.pickupAt ?? now, options.timeZone),
    customerName: input.customerName,
    source,
    keyedInBy,
    phone: input.phone ?? null,
    email: input.email ?? null,
    subtotalCents,
    taxCents,
    tipCents,
    taxIncluded,
    totalCents,
    currency: options.currency ?? storeMoneyFromEnv().currency,
    ...payment,
    pickupAt: plan?.pickupAt ?? null,
    fireAt: plan?.fireAt ?? null,
    createdAt: now,
    lines,
    placed,
  };
  const result = plan ? await bookSlot(prisma, { order, plan, timeZone: options.timeZone, now }) : await orderInsert(prisma)({ order, capped: source === "ONLINE" && settings.maxOpenOrders !== null });
  if (result !== null && "error" in result) throw result.error;
  // Only new keys are refused for capacity: an accepted key comes back as null below.
  if (result !== null && "atCapacity" in result) throw new AppError("AT_CAPACITY", AT_CAPACITY_MESSAGE, { reopensAt: null });
  if (result === null) {
    // The key existed already, or a request with the same key raced this one and won.
    const winner = await findByIdempotencyKey(prisma, input.idempotencyKey, requestHash);
    if (!winner) throw new Error(`order with idempotency key ${input.idempotencyKey} was neither inserted nor found`);
    return winner;
  }

  const body = result.message;
  const placedOrder = { orderId, publicToken, ticketNumber: result.ticketNumber, subtotalCents, taxCents, tipCents, totalCents, pickupAt: order.pickupAt?.toISOString() ?? null, created: true };
  const status = initialStatus(order);
  if (status !== "PLACED") {
    logger.info({ orderId, ticket: result.ticketNumber, lines: lines.length, pickupAt: placedOrder.pickupAt }, status === "SCHEDULED" ? "order scheduled" : "order saved, awaiting payment");
    return { ...placedOrder, status };
  }
  logger.info({ orderId, ticket: result.ticketNumber, lines: lines.length }, "order placed");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: body.outboxId, orderId, destination: "ORDERS_QUEUE", type: body.type, body },
  });
  return { ...placedOrder, status: "PLACED" };
}
