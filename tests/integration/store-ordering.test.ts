import { afterEach, describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { GET as storeRoute } from "../../app/api/store/route.ts";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { WEEKDAYS } from "../../lib/store/opening-hours.ts";
import { AT_CAPACITY_MESSAGE } from "../../lib/store/store-state.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";

// The store's rules on the order path, against real Postgres: hours, busy pause,
// capacity (atomic across concurrent transactions) and tax, through the routes as the
// customer's page calls them.

const ctx = setupRouteTestStack();

afterEach(async () => {
  await writeStoreSettings({
    prisma: ctx.stack.prisma,
    patch: { acceptingOrders: true, openingHours: null, pausedUntil: null, maxOpenOrders: null, taxRateBasisPoints: 0 },
  });
});

let keys = 0;
const key = () => `store-test-${Date.now()}-${++keys}-abcdef`;
const order = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  customerName: "Ada",
  items: [{ menuItemId: "latte", quantity: 2, modifierIds: ["size-large"] }],
  ...overrides,
});

type Body = Record<string, unknown> & { error: { code: string; message: string; details?: Record<string, unknown> } };

async function post(body: unknown) {
  const r = await placeOrderRoute(
    new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    {},
  );
  return { status: r.status, body: (await r.json()) as Body };
}

async function store() {
  const r = await storeRoute(new Request("http://localhost/api/store"), {});
  return { status: r.status, cacheControl: r.headers.get("cache-control"), body: (await r.json()) as Record<string, unknown> };
}

const openOrders = () => ctx.stack.prisma.order.count({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } } });
const hhmm = (d: Date) => `${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, "0")}`;

describe("GET /api/store", () => {
  it("says the store is open by default, never cached", async () => {
    expect(await store()).toEqual({
      status: 200,
      cacheControl: "no-store",
      body: { state: "open", acceptingOrders: true, message: "We're open and taking orders.", reopensAt: null, taxRateBasisPoints: 0, pricesIncludeTax: false, onlinePayments: false, currency: "USD" },
    });
  });
});

describe("ordering while the store is closed or paused", () => {
  it("refuses a new order outside the hours with STORE_CLOSED and when it opens, but answers a retry with the order", async () => {
    const accepted = order();
    expect((await post(accepted)).status).toBe(201);

    // Open tomorrow (in the store's zone, UTC here) and not today.
    const tomorrow = WEEKDAYS[(new Date().getUTCDay() + 1) % 7]!;
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { openingHours: { [tomorrow]: [["07:00", "17:00"]] } } });
    const next = new Date();
    next.setUTCDate(next.getUTCDate() + 1);
    next.setUTCHours(7, 0, 0, 0);
    const closed = { message: "We're closed right now. We open again at 7:00 tomorrow.", reopensAt: next.toISOString() };

    const before = await ctx.stack.prisma.order.count();
    const refused = await post(order());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: "STORE_CLOSED", message: closed.message, details: { reopensAt: closed.reopensAt } });
    expect(await ctx.stack.prisma.order.count()).toBe(before);
    expect((await store()).body).toMatchObject({ state: "closed", acceptingOrders: false, ...closed });

    const retry = await post(accepted);
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe("PLACED");
  });

  it("refuses with STORE_PAUSED until the pause ends", async () => {
    const accepted = order();
    expect((await post(accepted)).status).toBe(201);
    const pausedUntil = new Date(Date.now() + 10 * 60_000);
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil } });

    const refused = await post(order());
    expect(refused.status).toBe(409);
    // The test stack's store is in UTC: a pause past midnight ends "tomorrow".
    const tomorrow = pausedUntil.toISOString().slice(0, 10) !== new Date().toISOString().slice(0, 10);
    const message = `We've paused online orders for a few minutes; back at ${hhmm(pausedUntil)}${tomorrow ? " tomorrow" : ""}.`;
    expect(refused.body.error).toEqual({ code: "STORE_PAUSED", message, details: { reopensAt: pausedUntil.toISOString() } });
    expect((await store()).body).toMatchObject({ state: "paused", message });
    expect((await post(accepted)).status).toBe(200);

    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil: new Date(Date.now() - 1000) } });
    expect((await post(order())).status).toBe(201);
  });

  it("refuses everything new while ordering is switched off", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { acceptingOrders: false } });
    expect((await post(order())).body.error).toMatchObject({ code: "STORE_CLOSED", message: "We're closed right now.", details: { reopensAt: null } });
  });
});

describe("capacity", () => {
  it("never lets concurrent orders from several web processes past the limit", async () => {
    const limit = (await openOrders()) + 3;
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { maxOpenOrders: limit } });
    // Five clients stand in for five web processes: each batches its own requests, so
    // the inserts really are concurrent transactions, not one statement.
    const clients: PrismaClient[] = Array.from({ length: 5 }, () => createPrismaClient(ctx.stack.pg.url));
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          placeOrder({ prisma: clients[i % 5]!, transport: ctx.stack.transport, timeZone: "UTC", input: placeOrderInputSchema.parse(order()) }),
        ),
      );
      const accepted = results.filter((r) => r.status === "fulfilled");
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code?: string; message?: string }] : []));
      expect(accepted).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const error of refused) expect(error).toMatchObject({ code: "AT_CAPACITY", message: AT_CAPACITY_MESSAGE });
      expect(await openOrders()).toBe(limit);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  });

  it("answers 409 AT_CAPACITY on the route and says so on /api/store, but still answers a retry", async () => {
    const accepted = order();
    expect((await post(accepted)).status).toBe(201);
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { maxOpenOrders: await openOrders() } });

    const before = await ctx.stack.prisma.order.count();
    const refused = await post(order());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: "AT_CAPACITY", message: AT_CAPACITY_MESSAGE, details: { reopensAt: null } });
    expect(await ctx.stack.prisma.order.count()).toBe(before);
    expect((await store()).body).toMatchObject({ state: "at-capacity", acceptingOrders: false, message: AT_CAPACITY_MESSAGE });
    expect((await post(accepted)).status).toBe(200);

    // A finished order frees a place.
    const oldest = await ctx.stack.prisma.order.findFirstOrThrow({ where: { status: "PLACED" }, orderBy: { createdAt: "asc" } });
    await ctx.stack.prisma.order.update({ where: { id: oldest.id }, data: { status: "READY", readyAt: new Date() } });
    expect((await post(order())).status).toBe(201);
  });
});

describe("tax", () => {
  it("adds tax rounded half up and stores subtotal, tax and total", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { taxRateBasisPoints: 825 } });
    // 2 × (latte 400 + large 90) = 980; 8.25 % of it is 80.85 cents.
    const placed = await post(order());
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ subtotalCents: 980, taxCents: 81, totalCents: 1061 });
    const token = String(placed.body.statusUrl).split("/").pop()!;
    expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token }, select: { subtotalCents: true, taxCents: true, totalCents: true, paymentMethod: true, paymentStatus: true } })).toEqual({
      subtotalCents: 980,
      taxCents: 81,
      totalCents: 1061,
      paymentMethod: "PAY_AT_PICKUP",
      paymentStatus: "UNPAID",
    });
    expect((await store()).body.taxRateBasisPoints).toBe(825);
  });
});

describe("a stale menu page", () => {
  it("cannot order a sold-out option", async () => {
    await ctx.stack.prisma.modifier.update({ where: { id: "milk-oat" }, data: { available: false } });
    try {
      const refused = await post(order({ items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] }] }));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: "CONFLICT", message: "Caffè latte: Oat milk is sold out right now" });
    } finally {
      await ctx.stack.prisma.modifier.update({ where: { id: "milk-oat" }, data: { available: true } });
    }
  });
});

describe("writeStoreSettings", () => {
  it("sets and clears the hours", async () => {
    const hours = { mon: [["07:00", "17:00"]] as [string, string][] };
    expect((await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { openingHours: hours } })).openingHours).toEqual(hours);
    expect((await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { openingHours: null } })).openingHours).toBeNull();
  });
});
