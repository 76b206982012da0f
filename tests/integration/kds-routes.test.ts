import { afterEach, describe, expect, it } from "vitest";
import { GET as boardEventsRoute } from "../../app/api/board/events/route.ts";
import { GET as boardRoute } from "../../app/api/board/route.ts";
import { GET as kdsEventsRouteUnsigned } from "../../app/api/kds/events/route.ts";
import { PATCH as settingsRouteUnsigned } from "../../app/api/kds/settings/route.ts";
import { POST as cancelRouteUnsigned } from "../../app/api/kds/tickets/[id]/cancel/route.ts";
import { POST as priorityRouteUnsigned } from "../../app/api/kds/tickets/[id]/priority/route.ts";
import { POST as readyRouteUnsigned } from "../../app/api/kds/tickets/[id]/ready/route.ts";
import { POST as recallRouteUnsigned } from "../../app/api/kds/tickets/[id]/recall/route.ts";
import { POST as startRouteUnsigned } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { POST as stationDoneRouteUnsigned } from "../../app/api/kds/tickets/[id]/station-done/route.ts";
import { GET as ticketsRouteUnsigned } from "../../app/api/kds/tickets/route.ts";
import { POST as walkUpRouteUnsigned } from "../../app/api/kds/walk-up/route.ts";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import type { KdsBoardData, OrderBoardData } from "../../lib/kitchen/kitchen-types.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { placeQueuedOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";
import { startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { asStaff, createTestStaff, signIn } from "../support/staff-session.ts";

// The kitchen's and the order board's routes as plain functions: status codes, bodies
// and readable 4xx for bad input; the use cases behind them are tested on their own.

const ctx = setupRouteTestStack();
// Called as a signed-in manager (who may do everything a barista may); authorization.test.ts covers refusals.
const kdsEventsRoute = asStaff(kdsEventsRouteUnsigned, () => ctx.stack.prisma);
const settingsRoute = asStaff(settingsRouteUnsigned, () => ctx.stack.prisma);
const cancelRoute = asStaff(cancelRouteUnsigned, () => ctx.stack.prisma);
const priorityRoute = asStaff(priorityRouteUnsigned, () => ctx.stack.prisma);
const readyRoute = asStaff(readyRouteUnsigned, () => ctx.stack.prisma);
const recallRoute = asStaff(recallRouteUnsigned, () => ctx.stack.prisma);
const startRoute = asStaff(startRouteUnsigned, () => ctx.stack.prisma);
const stationDoneRoute = asStaff(stationDoneRouteUnsigned, () => ctx.stack.prisma);
const ticketsRoute = asStaff(ticketsRouteUnsigned, () => ctx.stack.prisma);
const walkUpRoute = asStaff(walkUpRouteUnsigned, () => ctx.stack.prisma);
let worker: Worker | undefined;
afterEach(async () => {
  await stopTestWorker(worker);
  worker = undefined;
});

type Body = Record<string, unknown> & { error: { code: string; message: string } };
type TicketRoute = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const json = (url: string, body: unknown, method = "POST") =>
  new Request(`http://localhost${url}`, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function call(response: Promise<Response>) {
  const r = await response;
  return { status: r.status, headers: r.headers, body: (await r.json()) as Body };
}

const ticket = (route: TicketRoute, id: string, body: unknown, cookie?: string) => {
  const request = json(`/api/kds/tickets/${id}`, body);
  if (cookie) request.headers.set("cookie", cookie);
  return call(route(request, { params: Promise.resolve({ id }) }));
};
const queued = () => placeQueuedOrder(ctx.stack);

describe("kitchen ticket routes", () => {
  it("start: claims under the signed-in barista's name (not one in the body), and the loser's 409 names the winner", async () => {
    const order = await queued();
    // Old screens may still send { barista }: checked, then ignored.
    for (const body of [{ barista: "   " }, { barista: "x".repeat(41) }, { barista: "a\u0000b" }, { barista: 7 }, { barista: "Sam", extra: 1 }]) {
      const r = await ticket(startRoute, order.orderId, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(/barista|extra/);
    }
    const sam = await signIn(await createTestStaff(ctx.stack.prisma, "barista", { name: "Sam" }));
    const kai = await signIn(await createTestStaff(ctx.stack.prisma, "barista", { name: "Kai" }));
    const started = await ticket(startRoute, order.orderId, { barista: "Somebody Else" }, sam);
    expect(started).toMatchObject({ status: 200, body: { orderId: order.orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS", claimedBy: "Sam", startedAt: expect.any(String) } });
    const again = await ticket(startRoute, order.orderId, {}, kai);
    expect(again).toMatchObject({ status: 409, body: { error: { code: "CONFLICT", message: `Ticket #${order.ticketNumber} was already started by Sam` } } });
  });

  it("ready and recall take {} or { barista }; recall answers 409 until the ticket was bumped", async () => {
    const order = await queued();
    expect((await ticket(recallRoute, order.orderId, {})).status).toBe(409);
    expect((await ticket(readyRoute, order.orderId, { barista: "Sam" })).status).toBe(202);
    expect((await ticket(recallRoute, order.orderId, { barista: 1 })).status).toBe(400);
    expect(await ticket(recallRoute, order.orderId, { barista: "Sam" })).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { orderId: order.orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS" },
    });
  });

  it("cancel needs a reason of 1–140 characters and answers the cancelled ticket", async () => {
    const order = await queued();
    for (const body of [{}, { reason: "" }, { reason: "  " }, { reason: "x".repeat(141) }, { reason: "Out\u0007" }, { reason: "ok", barista: "" }]) {
      expect((await ticket(cancelRoute, order.orderId, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await ticket(cancelRoute, order.orderId, {})).body.error.message).toBe("reason: reason must be text");
    const cancelled = await ticket(cancelRoute, order.orderId, { reason: " Out of oat milk ", barista: "Sam" });
    expect(cancelled).toMatchObject({ status: 200, body: { orderId: order.orderId, ticketNumber: order.ticketNumber, status: "CANCELLED" } });
    // The signed-in manager's name, not the one in the body.
    expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({ cancelReason: "Out of oat milk", cancelledBy: expect.stringMatching(/^Morgan/) });
    expect(await ctx.stack.prisma.auditLog.findFirst({ where: { orderId: order.orderId, action: "order.cancel" } })).toMatchObject({ actorName: expect.stringMatching(/^Morgan/) });
    expect(await ticket(cancelRoute, order.orderId, { reason: "again" })).toMatchObject({ status: 409, body: { error: { message: `Ticket #${order.ticketNumber} was already cancelled` } } });
  });

  it("priority takes a boolean and answers when the ticket was prioritized", async () => {
    const order = await queued();
    for (const body of [{}, { priority: "yes" }, { priority: 1 }, { priority: null }]) {
      expect((await ticket(priorityRoute, order.orderId, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await ticket(priorityRoute, order.orderId, { priority: true })).toMatchObject({ status: 200, body: { orderId: order.orderId, ticketNumber: order.ticketNumber, prioritizedAt: expect.any(String) } });
    expect(await ticket(priorityRoute, order.orderId, { priority: false })).toMatchObject({ status: 200, body: { prioritizedAt: null } });
  });

  it("station-done needs a station and marks the ticket's part there done", async () => {
    const order = await queued();
    for (const body of [{}, { station: "" }, { station: "x".repeat(61) }, { station: ["Brew bar"] }]) {
      expect((await ticket(stationDoneRoute, order.orderId, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await ticket(stationDoneRoute, order.orderId, { station: "Brew bar" })).toMatchObject({ status: 404, body: { error: { message: `Ticket #${order.ticketNumber} has nothing to make at Brew bar` } } });
    expect(await ticket(stationDoneRoute, order.orderId, { station: "Espresso bar" })).toMatchObject({
      status: 200,
      body: { orderId: order.orderId, station: "Espresso bar", allDone: true, bumped: true },
    });
  });

  it("every ticket route wants a JSON body and a UUID", async () => {
    const id = crypto.randomUUID();
    for (const route of [startRoute, readyRoute, recallRoute, cancelRoute, priorityRoute, stationDoneRoute] as TicketRoute[]) {
      const form = await call(route(new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" }), { params: Promise.resolve({ id }) }));
      expect(form.status).toBe(400);
      expect(form.body.error.message).toMatch(/body must be JSON/);
      expect((await ticket(route, "not-a-uuid", {})).status).toBe(400);
    }
  });
});

describe("GET /api/kds/tickets and /api/kds/events", () => {
  it("answers the board, one station's board, 404 for an unknown station and 400 for a bad one", async () => {
    const order = await queued();
    const all = await call(ticketsRoute(new Request("http://localhost/api/kds/tickets"), {}));
    expect(all.status).toBe(200);
    const data = all.body as unknown as KdsBoardData;
    expect(data.tickets.some((t) => t.id === order.orderId)).toBe(true);
    expect(data).toMatchObject({ station: null, stations: ["Brew bar", "Espresso bar"] });
    const brew = (await call(ticketsRoute(new Request("http://localhost/api/kds/tickets?station=Brew%20bar"), {}))).body as unknown as KdsBoardData;
    expect(brew).toMatchObject({ station: "Brew bar" });
    expect(brew.tickets.some((t) => t.id === order.orderId)).toBe(false);
    expect(await call(ticketsRoute(new Request("http://localhost/api/kds/tickets?station=Juice%20bar"), {}))).toMatchObject({
      status: 404,
      body: { error: { message: 'No station called "Juice bar"' } },
    });
    expect((await call(ticketsRoute(new Request(`http://localhost/api/kds/tickets?station=${"x".repeat(61)}`), {}))).status).toBe(400);
    expect((await call(kdsEventsRoute(new Request("http://localhost/api/kds/events?station=Juice%20bar"), {}))).status).toBe(404);
  });

  it("streams the board on connect, after an order change and after a settings change", async () => {
    const abort = new AbortController();
    const events = sseReader(await kdsEventsRoute(new Request("http://localhost/api/kds/events?station=Espresso%20bar", { signal: abort.signal }), {}));
    try {
      const first = await events.nextEvent();
      expect(first).toMatchObject({ event: "board", data: { station: "Espresso bar" } });
      const order = await queued();
      await waitFor(async () => {
        const e = await events.nextEvent();
        return (e.data as KdsBoardData).tickets.some((t) => t.id === order.orderId);
      }, { what: "board with the new ticket" });
      const patched = await call(settingsRoute(json("/api/kds/settings", { warnAfterSeconds: 90 }, "PATCH"), {}));
      expect(patched).toMatchObject({ status: 200, body: { warnAfterSeconds: 90 } });
      await waitFor(async () => ((await events.nextEvent()).data as KdsBoardData).settings.warnAfterSeconds === 90, { what: "board with new settings" });
    } finally {
      abort.abort();
      await events.cancel();
      await call(settingsRoute(json("/api/kds/settings", { warnAfterSeconds: 180 }, "PATCH"), {}));
    }
  });
});

describe("PATCH /api/kds/settings", () => {
  it("answers every setting, and 400 with a clear message for bad values", async () => {
    expect(await call(settingsRoute(json("/api/kds/settings", { boardReadySeconds: 240 }, "PATCH"), {}))).toMatchObject({
      status: 200,
      body: { warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 240 },
    });
    const bad: [unknown, RegExp][] = [
      [{ warnAfterSeconds: 10 }, /warnAfterSeconds must be at least 30 seconds/],
      [{ lateAfterSeconds: 7200 }, /lateAfterSeconds must be at most 3600/],
      [{ boardReadySeconds: 60.5 }, /whole number/],
      [{ warnAfterSeconds: 300 }, /^warnAfterSeconds must be less than lateAfterSeconds$/],
      [{ colour: "red" }, /colour/],
      ["[]", /expected object/i],
      ["nope", /^body must be JSON$/],
    ];
    for (const [body, message] of bad) {
      const r = await call(settingsRoute(json("/api/kds/settings", body, "PATCH"), {}));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
  });
});

describe("POST /api/kds/walk-up", () => {
  let keys = 0;
  const walkUp = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `walk-up-${Date.now()}-${++keys}-abcdef`,
    customerName: "Walk-in Wendy",
    items: [{ menuItemId: "filter", quantity: 1, modifierIds: [] }],
    ...overrides,
  });

  it("takes an order at the counter while online ordering is paused, closed and full; it reaches the board through the queue", async () => {
    // One open order fills the store.
    await queued();
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil: new Date(Date.now() + 10 * 60_000), acceptingOrders: false, maxOpenOrders: 1 } });
    try {
      const online = await call(placeOrderRoute(json("/api/orders", walkUp()), {}));
      expect(online.status).toBe(409);

      worker = await startTestWorker(ctx.stack);
      const body = walkUp({ phone: "+44 7911 123999", notifyConsent: true });
      const created = await call(walkUpRoute(json("/api/kds/walk-up", body), {}));
      expect(created).toMatchObject({ status: 201, body: { ticketNumber: expect.any(Number), totalCents: 280, statusUrl: expect.stringMatching(/^\/orders\//) } });
      expect(Object.keys(created.body).sort()).toEqual(["statusUrl", "ticketNumber", "totalCents"]);
      expect(created.headers.get("location")).toBe(created.body.statusUrl);
      const retry = await call(walkUpRoute(json("/api/kds/walk-up", body), {}));
      expect(retry).toMatchObject({ status: 200, body: created.body });

      const token = String(created.body.statusUrl).split("/").pop()!;
      const saved = await waitFor(async () => {
        const o = await ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token } });
        return o.status === "QUEUED" && o;
      }, { what: "walk-up order queued by the worker" });
      expect(saved).toMatchObject({ source: "WALK_UP", customerName: "Walk-in Wendy", phone: "+447911123999" });
      const board = (await call(ticketsRoute(new Request("http://localhost/api/kds/tickets"), {}))).body as unknown as KdsBoardData;
      expect(board.tickets.find((t) => t.id === saved.id)).toMatchObject({ source: "WALK_UP", items: [{ name: "Filter coffee", station: "Brew bar" }] });
    } finally {
      await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil: null, acceptingOrders: true, maxOpenOrders: null } });
    }
  });

  it("validates like a web order, without a device id", async () => {
    const before = await ctx.stack.prisma.order.count();
    const bad: [unknown, RegExp][] = [
      [walkUp({ deviceId: "abcdefghijklmnop" }), /deviceId/],
      [walkUp({ customerName: " " }), /please tell us your name/],
      [walkUp({ items: [] }), /your order is empty/],
      [walkUp({ email: "wendy@example.com" }), /notifyConsent/],
      [walkUp({ items: [{ menuItemId: "unicorn", quantity: 1 }] }), /not on the menu/],
      [{ customerName: "Wendy", items: [{ menuItemId: "filter", quantity: 1 }] }, /idempotencyKey/],
    ];
    for (const [body, message] of bad) {
      const r = await call(walkUpRoute(json("/api/kds/walk-up", body), {}));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await ctx.stack.prisma.order.count()).toBe(before);
  });
});

describe("GET /api/board and /api/board/events", () => {
  it("answers first names only, and streams a new board after an order change", async () => {
    const abort = new AbortController();
    const events = sseReader(await boardEventsRoute(new Request("http://localhost/api/board/events", { signal: abort.signal }), {}));
    try {
      expect(await events.nextEvent()).toMatchObject({ event: "board", data: { readyForSeconds: expect.any(Number) } });
      const order = await placeQueuedOrder({ ...ctx.stack, customerName: "Bea Board" });
      await waitFor(async () => ((await events.nextEvent()).data as OrderBoardData).preparing.some((e) => e.ticketNumber === order.ticketNumber && e.firstName === "Bea"), {
        what: "board with the new order",
      });
      const board = await call(boardRoute(new Request("http://localhost/api/board"), {}));
      expect(board.status).toBe(200);
      expect(JSON.stringify(board.body)).toContain('"firstName":"Bea"');
      expect(JSON.stringify(board.body)).not.toContain("Board");
    } finally {
      abort.abort();
      await events.cancel();
    }
  });
});
