import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { GET as orderEventsRoute } from "../../app/api/orders/[token]/events/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { POST as startRouteUnsigned } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { POST as readyRouteUnsigned } from "../../app/api/kds/tickets/[id]/ready/route.ts";
import { POST as recallRouteUnsigned } from "../../app/api/kds/tickets/[id]/recall/route.ts";
import { POST as cancelRouteUnsigned } from "../../app/api/kds/tickets/[id]/cancel/route.ts";
import { POST as priorityRouteUnsigned } from "../../app/api/kds/tickets/[id]/priority/route.ts";
import { POST as stationDoneRouteUnsigned } from "../../app/api/kds/tickets/[id]/station-done/route.ts";
import { POST as walkUpRouteUnsigned } from "../../app/api/kds/walk-up/route.ts";
import { PATCH as kdsSettingsRouteUnsigned } from "../../app/api/kds/settings/route.ts";
import { MAX_BODY_BYTES } from "../../lib/http/handle-route.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { expectedUnitPrice, freshKey, validOrder, baseOrder, hostileString, protoKey, withRawKey, hostileBodies } from "../support/order-arbitraries.ts";
import { asStaff } from "../support/staff-session.ts";

// Property-based tests of every route that takes input, called as plain functions with
// Request objects against real Postgres and the queue emulator. Random and hostile input
// must always get a 4xx with a JSON error a person can read, never a 500, and must never
// write a row; valid random carts must be accepted and priced exactly as the seeded menu
// says. The seed is fixed so a run is repeatable (FC_SEED=<n> explores other inputs).

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

const ctx = setupRouteTestStack();
// Called as a signed-in manager (who may do everything a barista may); authorization.test.ts covers refusals.
const startRoute = asStaff(startRouteUnsigned, () => ctx.stack.prisma);
const readyRoute = asStaff(readyRouteUnsigned, () => ctx.stack.prisma);
const recallRoute = asStaff(recallRouteUnsigned, () => ctx.stack.prisma);
const cancelRoute = asStaff(cancelRouteUnsigned, () => ctx.stack.prisma);
const priorityRoute = asStaff(priorityRouteUnsigned, () => ctx.stack.prisma);
const stationDoneRoute = asStaff(stationDoneRouteUnsigned, () => ctx.stack.prisma);
const walkUpRoute = asStaff(walkUpRouteUnsigned, () => ctx.stack.prisma);
const kdsSettingsRoute = asStaff(kdsSettingsRouteUnsigned, () => ctx.stack.prisma);

// ---------- helpers ----------

type ErrorBody = { error: { code: string; message: string } };

const postOrder = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  placeOrderRoute(new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), {});

const counts = async () => {
  const [orders, items, outbox] = await Promise.all([ctx.stack.prisma.order.count(), ctx.stack.prisma.orderItem.count(), ctx.stack.prisma.outboxMessage.count()]);
  return { orders, items, outbox };
};

/** A 4xx JSON error with a code and a readable message, never the generic 500 text. */
async function expectClientError(response: Response, allowed: number[], context: string): Promise<ErrorBody> {
  const text = await response.text();
  expect(allowed, `${context}: got ${response.status} ${text.slice(0, 300)}`).toContain(response.status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code).toMatch(/^[A-Z_]+$/);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.message.length).toBeLessThan(2_000);
  expect(body.error.message).not.toMatch(/Something went wrong|prisma|invalid byte sequence|at \S+\.ts/i);
  return body;
}

const polluted = () => Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined;

// ---------- properties ----------

describe("POST /api/orders with hostile input", () => {
  it("always answers 400 or 413 with a clear JSON error and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodies, async ({ what, body }) => {
        const before = await counts();
        await expectClientError(await postOrder(body), [400, 413], what);
        expect(await counts()).toEqual(before);
        expect(polluted()).toBe(false);
      }),
      runs(160),
    );
  });

  it("rejects every kind of hostile text field and unknown id with 400, never 500 (each case at least once)", async () => {
    const cases: [string, unknown][] = [];
    for (const text of ["\u0000", "\uD800", "a\u001bb"]) {
      const order = baseOrder();
      cases.push(["customerName", { ...order, customerName: text }]);
      cases.push(["note", { ...order, items: [{ ...order.items[0]!, note: text }] }]);
      cases.push(["menuItemId", { ...order, items: [{ menuItemId: text, quantity: 1 }] }]);
      cases.push(["modifierIds", { ...order, items: [{ menuItemId: "latte", quantity: 1, modifierIds: [text] }] }]);
    }
    const before = await counts();
    for (const [what, body] of cases) await expectClientError(await postOrder(JSON.stringify(body)), [400], what);
    expect(await counts()).toEqual(before);
  });
});

describe("POST /api/orders with valid random carts", () => {
  it("accepts them (201) and prices each line and the total exactly as the menu says", async () => {
    await fc.assert(
      fc.asyncProperty(validOrder, async (order) => {
        const before = await counts();
        const body = { idempotencyKey: freshKey(), ...order };
        const response = await postOrder(JSON.stringify(body));
        const text = await response.text();
        expect(response.status, text.slice(0, 300)).toBe(201);
        const placed = JSON.parse(text) as { totalCents: number; statusUrl: string };
        const expectedTotal = order.items.reduce((sum, l) => sum + expectedUnitPrice(l) * l.quantity, 0);
        expect(placed.totalCents).toBe(expectedTotal);

        const token = placed.statusUrl.split("/").pop()!;
        const saved = await ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token }, include: { items: { orderBy: { position: "asc" } } } });
        expect(saved.customerName).toBe(order.customerName.trim());
        expect(saved.totalCents).toBe(expectedTotal);
        expect(saved.items.map((i) => [i.menuItemId, i.quantity, i.unitPriceCents, i.note])).toEqual(
          order.items.map((l) => [l.menuItemId, l.quantity, expectedUnitPrice(l), l.note?.trim() || null]),
        );
        expect(await counts()).toEqual({ orders: before.orders + 1, items: before.items + order.items.length, outbox: before.outbox + 1 });
        // Accepted means on its way to the kitchen: the queue took the message at once.
        const outbox = await ctx.stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: saved.id } });
        expect(outbox, outbox.lastError ?? "").toMatchObject({ sentAt: expect.any(Date), lastError: null });
      }),
      runs(40),
    );
  });
});

describe("oversized bodies", () => {
  it("refuses a declared Content-Length over the limit with 413 before reading the body", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const before = await counts();
    const request = new Request("http://localhost/api/orders", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
      body,
      duplex: "half",
    } as RequestInit);
    const error = await expectClientError(await placeOrderRoute(request, {}), [413], "declared length");
    expect(error.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "body is too large (at most 32 KB)" });
    // A ReadableStream pulls once to fill its queue when made; the route read nothing more.
    expect(pulls).toBeLessThanOrEqual(1);
    expect(await counts()).toEqual(before);
  });

  it("refuses an endless chunked body with 413, stopping soon after the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new TextEncoder().encode(" ".repeat(1024)));
      },
    });
    const before = await counts();
    const request = new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const error = await expectClientError(await placeOrderRoute(request, {}), [413], "chunked");
    expect(error.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 8 * 1024);
    expect(await counts()).toEqual(before);
  });

  it("refuses the same oversized order on the kitchen routes", async () => {
    const id = crypto.randomUUID();
    for (const route of [...kitchenRoutes.map(([, r]) => r), walkUpRoute, kdsSettingsRoute] as typeof startRoute[]) {
      const big = JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) });
      const response = await route(new Request(`http://localhost/api/kds/tickets/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body: big }), { params: Promise.resolve({ id }) });
      await expectClientError(response, [413], "kitchen route");
    }
  });
});

const kitchenRoutes = [
  ["start", startRoute],
  ["ready", readyRoute],
  ["recall", recallRoute],
  ["cancel", cancelRoute],
  ["priority", priorityRoute],
  ["station-done", stationDoneRoute],
] as const;

describe("kitchen routes with hostile input", () => {
  const ids = fc.oneof(fc.uuid(), hostileString, fc.string({ maxLength: 100 }));
  const bodies = fc.oneof(
    fc.constant("{}"),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => withRawKey("{}", k, v).replace(",}", "}")),
    fc.string({ unit: "binary", maxLength: 100 }),
  );

  // Bodies a route accepts, so random ids are tried with them too (they must get 404).
  const validBodies = fc.constantFrom('{"barista":"Sam"}', '{"reason":"Out of oat milk"}', '{"priority":true}', '{"station":"Brew bar"}');

  for (const [name, route] of kitchenRoutes) {
    it(`POST /api/kds/tickets/[id]/${name}: random ids and bodies get 400/404, never a write`, async () => {
      await fc.assert(
        fc.asyncProperty(ids, fc.oneof(bodies, validBodies), async (id, body) => {
          const before = await counts();
          const request = new Request("http://localhost/api/kds/tickets/x", { method: "POST", headers: { "content-type": "application/json" }, body });
          await expectClientError(await route(request, { params: Promise.resolve({ id }) }), [400, 404], `${name} ${JSON.stringify(id)} ${body.slice(0, 80)}`);
          expect(await counts()).toEqual(before);
          const touched = [{ startedAt: { not: null } }, { readyRequestedAt: { not: null } }, { prioritizedAt: { not: null } }, { cancelledAt: { not: null } }, { recalledAt: { not: null } }];
          expect(await ctx.stack.prisma.order.count({ where: { OR: touched } })).toBe(0);
          expect(polluted()).toBe(false);
        }),
        runs(60),
      );
    });
  }
});

describe("POST /api/kds/walk-up with hostile input", () => {
  it("answers 400 or 413 with a clear JSON error and writes nothing, like the customer's order route", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodies, async ({ what, body }) => {
        const before = await counts();
        const request = new Request("http://localhost/api/kds/walk-up", { method: "POST", headers: { "content-type": "application/json" }, body });
        await expectClientError(await walkUpRoute(request, {}), [400, 413], what);
        expect(await counts()).toEqual(before);
        expect(polluted()).toBe(false);
      }),
      runs(80),
    );
  });
});

describe("PATCH /api/kds/settings with random input", () => {
  it("either refuses with a 400 or leaves valid settings (30–3600 s, warning before lateness)", async () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 4000 }), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null));
    const patches = fc.oneof(
      fc.record({ warnAfterSeconds: value, lateAfterSeconds: value, boardReadySeconds: value }, { requiredKeys: [] }).map((p) => JSON.stringify(p)),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => withRawKey("{}", k, v).replace(",}", "}")),
    );
    await fc.assert(
      fc.asyncProperty(patches, async (body) => {
        const request = new Request("http://localhost/api/kds/settings", { method: "PATCH", headers: { "content-type": "application/json" }, body });
        const response = await kdsSettingsRoute(request, {});
        if (response.status !== 200) await expectClientError(response, [400], body);
        const s = await ctx.stack.prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 } });
        for (const v of [s.kdsWarnAfterSeconds, s.kdsLateAfterSeconds, s.boardReadySeconds]) expect(v >= 30 && v <= 3600).toBe(true);
        expect(s.kdsWarnAfterSeconds).toBeLessThan(s.kdsLateAfterSeconds);
        expect(polluted()).toBe(false);
      }),
      runs(80),
    );
  });
});

describe("order status routes with random tokens", () => {
  const tokens = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), hostileString, fc.string({ maxLength: 200 }));

  it("GET /api/orders/[token] and its event stream answer 404 JSON for any unknown token", async () => {
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const before = await counts();
        const params = { params: Promise.resolve({ token }) };
        const status = await expectClientError(await orderStatusRoute(new Request("http://localhost/api/orders/x"), params), [404], `status ${JSON.stringify(token)}`);
        expect(status.error.message).toBe("We couldn't find that order");
        const events = await expectClientError(await orderEventsRoute(new Request("http://localhost/api/orders/x/events"), params), [404], `events ${JSON.stringify(token)}`);
        expect(events.error.message).toBe("We couldn't find that order");
        expect(await counts()).toEqual(before);
      }),
      runs(60),
    );
  });
});
