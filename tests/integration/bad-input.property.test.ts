import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { GET as orderEventsRoute } from "../../app/api/orders/[token]/events/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { POST as startRoute } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { POST as readyRoute } from "../../app/api/kds/tickets/[id]/ready/route.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { MAX_BODY_BYTES } from "../../lib/http/handle-route.ts";
import { categories, modifierGroups } from "../../lib/menu/cafe-menu.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { MAX_CART_LINES, MAX_NOTE_LENGTH, MAX_QUANTITY } from "../../lib/orders/order-input.ts";
import { getOrderListener } from "../../lib/realtime/order-listener.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// Property-based tests of every route that takes input, called as plain functions with
// Request objects against real Postgres and the queue emulator. Random and hostile input
// must always get a 4xx with a JSON error a person can read, never a 500, and must never
// write a row; valid random carts must be accepted and priced exactly as the seeded menu
// says. The seed is fixed so a run is repeatable (FC_SEED=<n> explores other inputs).

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  Object.assign(process.env, stack.env);
});
afterAll(async () => {
  await getOrderListener().stop();
  await getPrisma().$disconnect();
  await stack?.stop();
});

// ---------- the menu, as the seed defines it (the oracle for prices) ----------

const groupsById = new Map(modifierGroups.map((g) => [g.id, g]));
const menuItems = categories.flatMap((c) => c.items);
const menuIds = new Set<string>([...menuItems.map((i) => i.id), ...modifierGroups.flatMap((g) => g.modifiers.map((m) => m[0]))]);

type Line = { menuItemId: string; quantity: number; modifierIds: string[]; note?: string };

/** Unit price of a line by the menu: base + chosen options + defaults of required groups left out. */
function expectedUnitPrice(line: Line): number {
  const item = menuItems.find((i) => i.id === line.menuItemId)!;
  let price = item.basePriceCents;
  for (const groupId of item.groups) {
    const group = groupsById.get(groupId)!;
    const chosen = group.modifiers.filter((m) => line.modifierIds.includes(m[0]));
    const picked = chosen.length === 0 && group.minSelect > 0 ? group.modifiers.filter((m) => m[3]).slice(0, group.maxSelect) : chosen;
    price += picked.reduce((sum, m) => sum + m[2], 0);
  }
  return price;
}

// ---------- generators ----------

let keys = 0;
const freshKey = () => `prop-${Date.now()}-${++keys}-abcdefgh`;

/** Text a customer may really type: any Unicode (emoji, RTL, combining marks) but no control characters. */
const humanText = (maxLength: number) =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom("a", "Z", " ", "é", "ß", "中", "ש", "\u202E", "\u200F", "👩‍👩‍👧", "🙂", "e\u0301"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: Math.ceil(maxLength / 3) })
    .map((s) => s.replace(/[\p{Cc}]/gu, ""))
    .filter((s) => s.trim().length <= maxLength);

const validLine: fc.Arbitrary<Line> = fc
  .record({
    item: fc.constantFrom(...menuItems),
    quantity: fc.integer({ min: 1, max: MAX_QUANTITY }),
    picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    note: fc.option(humanText(MAX_NOTE_LENGTH), { nil: undefined }),
  })
  .map(({ item, quantity, picks, note }) => {
    const modifierIds: string[] = [];
    item.groups.forEach((groupId, g) => {
      const group = groupsById.get(groupId)!;
      const pick = picks[g]!;
      if (group.maxSelect === 1) {
        // 0: leave it to the default; otherwise one explicit choice.
        const choice = pick % (group.modifiers.length + 1);
        if (choice > 0) modifierIds.push(group.modifiers[choice - 1]![0]);
      } else {
        // A subset of at most maxSelect options, chosen by the bits of pick.
        group.modifiers.filter((_, i) => pick & (1 << i)).slice(0, group.maxSelect).forEach((m) => modifierIds.push(m[0]));
      }
    });
    return { menuItemId: item.id, quantity, modifierIds: modifierIds.reverse(), ...(note === undefined ? {} : { note }) };
  });

const validOrder = fc.record({
  customerName: humanText(40).filter((s) => s.trim().length >= 1),
  phone: fc.option(fc.stringMatching(/^\+[1-9]\d{6,14}$/), { nil: undefined }),
  email: fc.option(fc.constantFrom("ada@example.com", "Bob.O'Neil+coffee@mail.example.co.uk", "x@y.io"), { nil: undefined }),
  items: fc.array(validLine, { minLength: 1, maxLength: 5 }),
});

const baseOrder = () => ({ idempotencyKey: freshKey(), customerName: "Ada", items: [{ menuItemId: "latte", quantity: 1, modifierIds: [] as string[] }] });

/** Values of every JSON type except the one named. */
const notA = (type: "string" | "array" | "number"): fc.Arbitrary<unknown> => {
  const others: fc.Arbitrary<unknown>[] = [fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })];
  if (type !== "string") others.push(fc.string());
  if (type !== "number") others.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
  if (type !== "array") others.push(fc.array(fc.jsonValue(), { maxLength: 3 }));
  return fc.oneof(...others);
};

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u202Elatte", "🙂".repeat(50), "'; DROP TABLE \"Order\";--", "../../etc/passwd", "%00", "${7*7}"),
);

const unknownId = fc.oneof(hostileString, fc.string({ minLength: 1, maxLength: 64 })).filter((s) => !menuIds.has(s));

const protoKey = fc.constantFrom("__proto__", "constructor", "prototype");

/** Builds `{"<key>": value, ...rest}` as JSON text, since a JS literal would set the prototype instead. */
const withRawKey = (json: string, key: string, value: unknown) => `{${JSON.stringify(key)}:${JSON.stringify(value)},${json.slice(1)}`;

type Hostile = { what: string; body: string | Uint8Array<ArrayBuffer> };

const hostileBodies: fc.Arbitrary<Hostile> = fc.oneof(
  // Not an object at all.
  fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 4 })).map((v) => ({ what: "not an object", body: JSON.stringify(v) })),
  fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ what: "arbitrary text", body: s })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ what: "arbitrary bytes", body: Uint8Array.from([0xff, ...b]) })),
  // One field of the wrong type.
  fc
    .oneof(
      notA("string").map((v) => ["customerName", v] as const),
      notA("string").map((v) => ["idempotencyKey", v] as const),
      notA("array").map((v) => ["items", v] as const),
      notA("string").filter((v) => v !== "").map((v) => ["phone", v] as const),
      notA("string").map((v) => ["email", v] as const),
    )
    .map(([field, value]) => ({ what: `wrong type for ${field}`, body: JSON.stringify({ ...baseOrder(), [field]: value }) })),
  // Quantities that are not a whole number from 1 to MAX_QUANTITY.
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: MAX_QUANTITY + 1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
      notA("number"),
    )
    .map((quantity) => ({ what: "bad quantity", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity }] }) })),
  // Unknown or hostile ids.
  unknownId.map((id) => ({ what: "unknown menu item", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: id, quantity: 1 }] }) })),
  unknownId.map((id) => ({ what: "unknown option", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, modifierIds: [id] }] }) })),
  // Hostile text where text is expected.
  fc
    .tuple(fc.constantFrom("customerName", "note", "idempotencyKey", "phone", "email"), fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u0007bell", "tab\u001bescape"))
    .map(([field, text]) => {
      const order = baseOrder();
      const body = field === "note" ? { ...order, items: [{ ...order.items[0]!, note: text }] } : { ...order, [field]: text };
      return { what: `control or lone surrogate in ${field}`, body: JSON.stringify(body) };
    }),
  // Prototype-pollution keys at the top level and inside a line.
  fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({ what: `top-level ${key}`, body: withRawKey(JSON.stringify(baseOrder()), key, value) })),
  fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
    const order = baseOrder();
    const line = withRawKey(JSON.stringify(order.items[0]), key, value);
    return { what: `${key} in a line`, body: JSON.stringify({ ...order, items: [] }).replace('"items":[]', `"items":[${line}]`) };
  }),
  // Too long, too many, too deep.
  fc.integer({ min: 41, max: 20_000 }).map((n) => ({ what: "long name", body: JSON.stringify({ ...baseOrder(), customerName: "é".repeat(n) }) })),
  fc.integer({ min: MAX_NOTE_LENGTH + 1, max: 5_000 }).map((n) => ({ what: "long note", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, note: "🙂x".repeat(Math.ceil(n / 2)) }] }) })),
  fc.integer({ min: MAX_CART_LINES + 1, max: 200 }).map((n) => ({ what: "too many lines", body: JSON.stringify({ ...baseOrder(), items: Array.from({ length: n }, () => ({ menuItemId: "latte", quantity: 1 })) }) })),
  fc.integer({ min: 13, max: 500 }).map((n) => ({ what: "too many options", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, modifierIds: Array.from({ length: n }, (_, i) => `m${i}`) }] }) })),
  fc.tuple(fc.integer({ min: 2, max: 5_000 }), fc.boolean(), fc.constantFrom("items", "customerName", "x")).map(([depth, arrays, field]) => {
    const nested = arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const name = field === "customerName" ? nested : '"Ada"';
    const items = field === "items" ? nested : '[{"menuItemId":"latte","quantity":1}]';
    const extra = field === "x" ? `,"x":${nested}` : "";
    return { what: `nested ${depth} deep in ${field}`, body: `{"idempotencyKey":${JSON.stringify(freshKey())},"customerName":${name},"items":${items}${extra}}` };
  }),
  // Arrays where objects are expected.
  fc.constantFrom(
    { what: "array for the order", body: JSON.stringify([baseOrder()]) },
    { what: "array for a line", body: JSON.stringify({ ...baseOrder(), items: [["latte", 1]] }) },
    { what: "string for a line", body: JSON.stringify({ ...baseOrder(), items: ["latte"] }) },
    { what: "null line", body: JSON.stringify({ ...baseOrder(), items: [null] }) },
  ),
);

// ---------- helpers ----------

type ErrorBody = { error: { code: string; message: string } };

const postOrder = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  placeOrderRoute(new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), {});

const counts = async () => {
  const [orders, items, outbox] = await Promise.all([stack.prisma.order.count(), stack.prisma.orderItem.count(), stack.prisma.outboxMessage.count()]);
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
        const saved = await stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token }, include: { items: { orderBy: { position: "asc" } } } });
        expect(saved.customerName).toBe(order.customerName.trim());
        expect(saved.totalCents).toBe(expectedTotal);
        expect(saved.items.map((i) => [i.menuItemId, i.quantity, i.unitPriceCents, i.note])).toEqual(
          order.items.map((l) => [l.menuItemId, l.quantity, expectedUnitPrice(l), l.note?.trim() || null]),
        );
        expect(await counts()).toEqual({ orders: before.orders + 1, items: before.items + order.items.length, outbox: before.outbox + 1 });
        // Accepted means on its way to the kitchen: the queue took the message at once.
        const outbox = await stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: saved.id } });
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
    for (const route of [startRoute, readyRoute]) {
      const big = JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) });
      const response = await route(new Request(`http://localhost/api/kds/tickets/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body: big }), { params: Promise.resolve({ id }) });
      await expectClientError(response, [413], "kitchen route");
    }
  });
});

describe("kitchen routes with hostile input", () => {
  const ids = fc.oneof(fc.uuid(), hostileString, fc.string({ maxLength: 100 }));
  const bodies = fc.oneof(
    fc.constant("{}"),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => withRawKey("{}", k, v).replace(",}", "}")),
    fc.string({ unit: "binary", maxLength: 100 }),
  );

  for (const [name, route] of [
    ["start", startRoute],
    ["ready", readyRoute],
  ] as const) {
    it(`POST /api/kds/tickets/[id]/${name}: random ids and bodies get 400/404, never a write`, async () => {
      await fc.assert(
        fc.asyncProperty(ids, bodies, async (id, body) => {
          const before = await counts();
          const request = new Request("http://localhost/api/kds/tickets/x", { method: "POST", headers: { "content-type": "application/json" }, body });
          await expectClientError(await route(request, { params: Promise.resolve({ id }) }), [400, 404], `${name} ${JSON.stringify(id)} ${body.slice(0, 80)}`);
          expect(await counts()).toEqual(before);
          expect(await stack.prisma.order.count({ where: { OR: [{ startedAt: { not: null } }, { readyRequestedAt: { not: null } }] } })).toBe(0);
          expect(polluted()).toBe(false);
        }),
        runs(60),
      );
    });
  }
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
