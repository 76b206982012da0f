import { beforeAll, describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { ADDRESS_RATE_LIMITED_MESSAGE, RATE_LIMITED_MESSAGE } from "../../lib/orders/limit-order-rate.ts";
import { consumeRateLimit } from "../../lib/rate-limit/consume-rate-limit.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";

// Order placement is limited per client (address + device id) in fixed windows shared
// through Postgres; checked through the route as a browser hits it, and the counter
// statement itself for atomicity and clean-up.

const ctx = setupRouteTestStack();
beforeAll(() => {
  // Read by the route's config on its first call (after the stack set the rest).
  process.env.ORDER_RATE_LIMIT_PER_MINUTE = "3";
  process.env.ORDER_RATE_LIMIT_PER_HOUR = "5";
  process.env.ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE = "8";
  process.env.ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR = "100";
});

let keys = 0;
const order = (extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `rate-test-${Date.now()}-${++keys}-abcdef`,
  customerName: "Ada",
  items: [{ menuItemId: "espresso", quantity: 1 }],
  ...extra,
});

/** Counting to a per-minute limit must not straddle a minute boundary (the window would reset). */
async function startOfAMinute() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

async function post(body: unknown, headers: Record<string, string>) {
  const r = await placeOrderRoute(
    new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    {},
  );
  return { status: r.status, retryAfter: r.headers.get("retry-after"), body: (await r.json()) as { error?: { code: string; message: string } } };
}

describe("POST /api/orders rate limit", () => {
  it("answers 429 with Retry-After once a client placed too many orders in a minute, writing nothing", async () => {
    // The client wrote an address of its own; the proxy in front appended the real one.
    const client = { "x-forwarded-for": "10.9.9.9, 203.0.113.10" };
    await startOfAMinute();
    for (let i = 0; i < 3; i++) expect((await post(order(), client)).status).toBe(201);
    const before = await ctx.stack.prisma.order.count();
    const limited = await post(order(), client);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: "RATE_LIMITED", message: RATE_LIMITED_MESSAGE, details: { retryAfterSeconds: Number(limited.retryAfter) } });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    expect(await ctx.stack.prisma.order.count()).toBe(before);
    // The same real address is the same client, whatever it writes in front of it.
    expect((await post(order(), { "x-forwarded-for": "203.0.113.10" })).status).toBe(429);
    expect((await post(order(), { "x-forwarded-for": "198.51.100.99, 203.0.113.10" })).status).toBe(429);
  });

  it("counts other addresses and other devices behind one address apart", async () => {
    const shopWifi = { "x-real-ip": "198.51.100.7" };
    await startOfAMinute();
    for (let i = 0; i < 3; i++) expect((await post(order(), shopWifi)).status).toBe(201);
    expect((await post(order(), shopWifi)).status).toBe(429);
    expect((await post(order({ deviceId: "device-aaaaaaaaaaaaaaaa" }), shopWifi)).status).toBe(201);
    expect((await post(order({ deviceId: "device-bbbbbbbbbbbbbbbb" }), shopWifi)).status).toBe(201);
    expect((await post(order(), { "x-forwarded-for": "198.51.100.8" })).status).toBe(201);
  });

  it("limits an address whatever device ids its requests name", async () => {
    const script = { "x-forwarded-for": "203.0.113.77" };
    await startOfAMinute();
    for (let i = 0; i < 8; i++) expect((await post(order({ deviceId: `device-script-${i}-aaaaaaaaaaaa` }), script)).status).toBe(201);
    const before = await ctx.stack.prisma.order.count();
    const limited = await post(order({ deviceId: "device-script-fresh-aaaaaaaa" }), script);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toBe(ADDRESS_RATE_LIMITED_MESSAGE);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await ctx.stack.prisma.order.count()).toBe(before);
    // Another address is not held up by it.
    expect((await post(order(), { "x-forwarded-for": "203.0.113.78" })).status).toBe(201);
  });

  it("does not count requests that were not valid orders", async () => {
    const client = { "x-forwarded-for": "192.0.2.44" };
    for (let i = 0; i < 5; i++) expect((await post({ customerName: "Ada" }, client)).status).toBe(400);
    expect((await post(order(), client)).status).toBe(201);
  });
});

describe("consumeRateLimit", () => {
  const windows = [
    { seconds: 60, max: 4 },
    { seconds: 3600, max: 6 },
  ];

  it("admits exactly the limit of concurrent hits", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit({ prisma: ctx.stack.prisma, key: "concurrent", windows })));
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
  });

  it("starts a new minute fresh but keeps counting the hour, and says when to come back", async () => {
    const t0 = new Date("2026-11-27T10:00:10Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < 4; i++) expect((await consumeRateLimit({ prisma: ctx.stack.prisma, key: "windows", windows, now: t0 })).allowed).toBe(true);
    expect(await consumeRateLimit({ prisma: ctx.stack.prisma, key: "windows", windows, now: at(20_000) })).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // The next minute starts fresh, but the hour counted the refused hit too: one place left.
    expect((await consumeRateLimit({ prisma: ctx.stack.prisma, key: "windows", windows, now: at(60_000) })).allowed).toBe(true);
    const hourFull = await consumeRateLimit({ prisma: ctx.stack.prisma, key: "windows", windows, now: at(61_000) });
    expect(hourFull.allowed).toBe(false);
    expect(hourFull.retryAfterSeconds).toBe(3600 - 71);
    // A window with max 0 is off.
    expect(await consumeRateLimit({ prisma: ctx.stack.prisma, key: "windows", windows: [{ seconds: 60, max: 0 }], now: t0 })).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("deletes expired counters as it goes", async () => {
    const old = new Date(Date.now() - 3 * 3600_000);
    await ctx.stack.prisma.rateLimitHit.createMany({ data: Array.from({ length: 5 }, (_, i) => ({ key: `old-${i}:60`, windowStart: old, count: 1 })) });
    await consumeRateLimit({ prisma: ctx.stack.prisma, key: "sweeper", windows });
    expect(await ctx.stack.prisma.rateLimitHit.count({ where: { windowStart: { lt: new Date(Date.now() - 3600_000) } } })).toBe(0);
    expect(await ctx.stack.prisma.rateLimitHit.count({ where: { key: { startsWith: "sweeper:" } } })).toBe(2);
  });
});
