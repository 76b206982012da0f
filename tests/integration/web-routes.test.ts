import { describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { GET as orderEventsRoute } from "../../app/api/orders/[token]/events/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { POST as startRouteUnsigned } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { POST as readyRouteUnsigned } from "../../app/api/kds/tickets/[id]/ready/route.ts";
import { GET as readyCheckRoute } from "../../app/api/ready/route.ts";
import { GET as healthRoute } from "../../app/api/health/route.ts";
import { getOrderListener } from "../../lib/realtime/shop-listener.ts";
import { getLiveViews } from "../../lib/realtime/get-live-views.ts";
import { markQueued } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";
import { asStaff } from "../support/staff-session.ts";

// The route handlers called as plain functions with a Request, against real Postgres
// and the queue emulator. Config comes from the environment, as in production.

const ctx = setupRouteTestStack();
// Called as a signed-in manager (who may do everything a barista may); authorization.test.ts covers refusals.
const startRoute = asStaff(startRouteUnsigned, () => ctx.stack.prisma);
const readyRoute = asStaff(readyRouteUnsigned, () => ctx.stack.prisma);

let keys = 0;
const key = () => `route-test-${Date.now()}-${++keys}-abcdef`;
const validOrder = () => ({
  idempotencyKey: key(),
  customerName: "Ada",
  items: [{ menuItemId: "latte", quantity: 2, modifierIds: ["size-large"] }],
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/orders", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

type ApiBody = Record<string, unknown> & { error: { code: string; message: string }; statusUrl: string; failed: string[] };

async function call(response: Promise<Response>) {
  const r = await response;
  return { status: r.status, headers: r.headers, body: (await r.json()) as ApiBody };
}

const counts = async () => ({ orders: await ctx.stack.prisma.order.count(), outbox: await ctx.stack.prisma.outboxMessage.count() });

describe("POST /api/orders", () => {
  it("creates an order (201) and answers a retry with the same key with the same order (200)", async () => {
    const order = validOrder();
    const first = await call(placeOrderRoute(post(order), {}));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      ticketNumber: expect.any(Number),
      subtotalCents: 2 * (400 + 90),
      taxCents: 0,
      tipCents: 0,
      totalCents: 2 * (400 + 90),
      status: "PLACED",
      pickupAt: null,
      statusUrl: expect.stringMatching(/^\/orders\/[A-Za-z0-9_-]{32}$/),
      checkoutUrl: null,
    });
    expect(first.body).not.toHaveProperty("orderId");
    expect(first.headers.get("location")).toBe(first.body.statusUrl);

    const retry = await call(placeOrderRoute(post(order), {}));
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  const rejected: [string, () => Request, number, RegExp][] = [
    ["wrong types", () => post({ ...validOrder(), customerName: 42, items: [{ menuItemId: "latte", quantity: "two" }] }), 400, /customerName: name must be text; items\[0\]\.quantity: quantity must be a number/],
    ["missing fields", () => post({}), 400, /idempotencyKey: idempotencyKey is required.*customerName.*items/],
    ["an empty order", () => post({ ...validOrder(), items: [] }), 400, /items: your order is empty/],
    ["unknown fields", () => post({ ...validOrder(), totalCents: 1 }), 400, /totalCents/],
    ["a body that is not JSON", () => post("{ this is not json"), 400, /^body must be JSON$/],
    ["a non-JSON content type", () => post(JSON.stringify(validOrder()), { "content-type": "text/plain" }), 400, /body must be JSON/],
    ["a huge body", () => post({ ...validOrder(), customerName: "x".repeat(100_000) }), 413, /too large/],
    ["an unknown menu item", () => post({ ...validOrder(), items: [{ menuItemId: "unicorn-frappe", quantity: 1 }] }), 400, /item 1: that drink is not on the menu/],
    ["an option from another drink", () => post({ ...validOrder(), items: [{ menuItemId: "espresso", quantity: 1, modifierIds: ["milk-oat"] }] }), 400, /does not belong/],
    ["a bad phone number", () => post({ ...validOrder(), phone: "12345", notifyConsent: true }), 400, /^phone: that phone number is not valid/],
    ["contact details without consent", () => post({ ...validOrder(), email: "ada@example.com" }), 400, /^notifyConsent: please confirm we may text or email you when your order is ready$/],
  ];

  for (const [what, request, status, message] of rejected) {
    it(`rejects ${what} with ${status} and a clear message, writing nothing`, async () => {
      const before = await counts();
      const { status: got, body } = await call(placeOrderRoute(request(), {}));
      expect(got).toBe(status);
      expect(body.error.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it("rejects a sold-out drink with 409, writing nothing", async () => {
    await ctx.stack.prisma.menuItem.update({ where: { id: "mocha" }, data: { available: false } });
    try {
      const before = await counts();
      const { status, body } = await call(placeOrderRoute(post({ ...validOrder(), items: [{ menuItemId: "mocha", quantity: 1 }] }), {}));
      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: "CONFLICT", message: "Mocha is sold out right now" });
      expect(await counts()).toEqual(before);
    } finally {
      await ctx.stack.prisma.menuItem.update({ where: { id: "mocha" }, data: { available: true } });
    }
  });
});

describe("order status and kitchen routes", () => {
  it("streams the order's state first, then each change through to ready, driven by the kitchen routes", async () => {
    const { body: placed } = await call(placeOrderRoute(post(validOrder()), {}));
    const token = placed.statusUrl.split("/").pop()!;
    const params = { params: Promise.resolve({ token }) };

    const status = await call(orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), params));
    expect(status.body).toMatchObject({ ticketNumber: placed.ticketNumber, status: "PLACED", customerName: "Ada" });

    const abort = new AbortController();
    const response = await orderEventsRoute(new Request(`http://localhost/api/orders/${token}/events`, { signal: abort.signal }), params);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = sseReader(response);
    expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "PLACED", ticketNumber: placed.ticketNumber } });

    const order = await ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token } });
    await markQueued(ctx.stack.prisma, order.id);
    expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "QUEUED" } });

    const kds = (route: typeof startRoute, id = order.id, body = "{}") =>
      call(route(new Request(`http://localhost/api/kds/tickets/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body }), { params: Promise.resolve({ id }) }));

    expect((await kds(startRoute, order.id, JSON.stringify({ barista: "Sam" }))).status).toBe(200);
    expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "IN_PROGRESS" } });
    const again = await kds(startRoute, order.id, JSON.stringify({ barista: "Kai" }));
    expect(again.status).toBe(409);
    // The claim carries the signed-in staff member's name, whatever the body says.
    expect(again.body.error.message).toMatch(new RegExp(`^Ticket #${placed.ticketNumber} was already started by Morgan`));

    const ready = await kds(readyRoute);
    expect(ready.status).toBe(202);
    expect(ready.body).toMatchObject({ created: true, sent: true });
    expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "IN_PROGRESS", readyRequestedAt: expect.any(String) } });
    expect((await kds(readyRoute)).body).toMatchObject({ created: false });

    // What the worker does next.
    await ctx.stack.prisma.order.update({ where: { id: order.id }, data: { status: "READY", readyAt: new Date() } });
    expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "READY", readyAt: expect.any(String) } });

    // Closing the page leaves the process's shared status view: nothing is computed for it any more.
    const view = getLiveViews().orderStatus.shared;
    const screens = view.keyCount;
    abort.abort();
    await events.cancel();
    expect(view.keyCount).toBe(screens - 1);

    expect((await kds(startRoute, "not-a-uuid", JSON.stringify({ barista: "Sam" }))).status).toBe(400);
    expect((await kds(startRoute, crypto.randomUUID(), JSON.stringify({ barista: "Sam" }))).status).toBe(404);
    expect((await kds(startRoute, order.id, "")).status).toBe(400);
  });

  it("answers 404 for an unknown or malformed token, on the JSON and the stream route", async () => {
    for (const token of ["A".repeat(32), "../../etc"]) {
      const params = { params: Promise.resolve({ token }) };
      const r1 = await call(orderStatusRoute(new Request("http://localhost/x"), params));
      expect(r1.status).toBe(404);
      const r2 = await call(orderEventsRoute(new Request("http://localhost/x"), params));
      expect(r2.status).toBe(404);
      expect(r2.body.error.message).toBe("We couldn't find that order");
    }
  });
});

describe("health and readiness", () => {
  it("reports healthy and ready", async () => {
    expect(await call(Promise.resolve(healthRoute()))).toMatchObject({ status: 200, body: { status: "ok" } });
    const noWorker = await call(readyCheckRoute(new Request("http://localhost/api/ready"), {}));
    expect(noWorker).toMatchObject({ status: 200, body: { status: "ready", workers: { status: "none", alive: 0, lastBeatAt: null, downSince: null } } });

    const beat = new Date();
    await ctx.stack.prisma.workerHeartbeat.create({
      data: { workerId: "ready-test", hostname: "h", pid: 1, startedAt: beat, lastBeatAt: beat },
    });
    const ready = await call(readyCheckRoute(new Request("http://localhost/api/ready"), {}));
    expect(ready).toMatchObject({ status: 200, body: { status: "ready", workers: { status: "up", alive: 1, lastBeatAt: beat.toISOString(), downSince: null } } });

    // The worker stops beating (killed): still ready (orders wait in the queue), and says since when.
    const lastBeat = new Date(Date.now() - 60_000);
    await ctx.stack.prisma.workerHeartbeat.update({ where: { workerId: "ready-test" }, data: { lastBeatAt: lastBeat } });
    const down = await call(readyCheckRoute(new Request("http://localhost/api/ready"), {}));
    expect(down).toMatchObject({ status: 200, body: { status: "ready", workers: { status: "down", alive: 0, downSince: lastBeat.toISOString() } } });
  });

  it("is not ready while the queue server is down, and says why", async () => {
    await ctx.stack.stopQueueServer();
    try {
      const ready = await call(readyCheckRoute(new Request("http://localhost/api/ready"), {}));
      expect(ready.status).toBe(503);
      expect(ready.body.failed).toEqual(["ordersQueue"]);
    } finally {
      await ctx.stack.startQueueServer();
    }
  });

  it("answers 503 with a retry message when the database is down (runs last: it stops Postgres)", async () => {
    await getOrderListener().stop();
    await ctx.stack.pg.stop();
    const { status, body, headers } = await call(placeOrderRoute(post(validOrder()), {}));
    expect(status).toBe(503);
    expect(headers.get("retry-after")).toBe("5");
    expect(body).toEqual({ error: { code: "UNAVAILABLE", message: "We can't take orders for a moment, please try again" } });
    const ready = await call(readyCheckRoute(new Request("http://localhost/api/ready"), {}));
    expect(ready.status).toBe(503);
    expect(ready.body.failed).toEqual(expect.arrayContaining(["database", "migrations"]));
    // stack.stop() stops Postgres again; make that a no-op.
    ctx.stack.pg.stop = async () => {};
  });
});
