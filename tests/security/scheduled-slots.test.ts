import { beforeAll, describe, expect, it } from "vitest";
import { listPickupSlots, type PickupSlotsView } from "../../lib/schedule/list-pickup-slots.ts";
import { openAroundTheClock } from "../support/scheduled-orders.ts";
import { fakeOrder, postJson, send } from "./hostile-client.ts";
import { countRows, setupSecurityStack } from "./security-stack.ts";

// Attacks on ordering for later, replayed over HTTP against a production build: a flood of
// the public slots endpoint, one address booking out a slot, and pickup times no browser
// would send.

/** Orders one address may place a minute and an hour (the device limit is set out of the way). */
const ADDRESS_LIMIT = 8;
const sec = setupSecurityStack({
  env: {
    ORDER_RATE_LIMIT_PER_MINUTE: "1000",
    ORDER_RATE_LIMIT_PER_HOUR: "1000",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(ADDRESS_LIMIT),
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: String(ADDRESS_LIMIT),
  },
});

const SLOT_DRINKS = 500;
beforeAll(async () => {
  // Slots big enough that only the rate limit can stop one address filling one.
  await openAroundTheClock(sec.stack.prisma, { slotDrinks: SLOT_DRINKS });
});

/** The app shares one slots read per 2 s (app/api/store/slots/route.ts). */
const SHARED_FOR_MS = 2000;
/** A Postgres backend reports its table counters when idle, at the latest after 10 s. */
const STATS_FLUSH_MS = 11_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const slots = async (from?: string) => {
  const r = await send({ url: `${sec.baseUrl}/api/store/slots`, from });
  return { status: r.status, text: r.text, view: r.status === 200 ? (r.json() as PickupSlotsView) : null };
};

/**
 * Scans of the PausedSlot table so far: every slots read scans it once, and nothing else this
 * file does (no orders are placed meanwhile) reads it, so the difference counts database reads.
 */
async function pausedSlotScans(): Promise<number> {
  const [row] = await sec.stack.prisma.$queryRaw<{ scans: number }[]>`
    SELECT (COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0))::int AS scans FROM pg_stat_user_tables WHERE relname = 'PausedSlot'`;
  return row!.scans;
}

/** Counting to a per-minute limit must not straddle a minute boundary (the window would reset). */
async function startOfAMinute() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

type ErrorBody = { error: { code: string; message: string } };

describe("a flood of GET /api/store/slots", () => {
  it("300 at once cost a few database reads, not 300, and all get the same answer", async () => {
    expect((await slots()).status).toBe(200);
    await sleep(STATS_FLUSH_MS);
    const before = await pausedSlotScans();

    // The yardstick read the same way: the route's own query, run here unshared, is seen each time.
    const CALIBRATION = 5;
    for (let i = 0; i < CALIBRATION; i++) await listPickupSlots({ prisma: sec.stack.prisma, timeZone: "UTC", now: new Date() });

    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => slots(`127.0.3.${(i % 200) + 1}`)));
    const elapsedMs = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(300).fill(200));
    const firstView = answers[0]!.view!;
    expect(firstView.enabled).toBe(true);
    expect(firstView.slots.length).toBeGreaterThan(0);
    expect(new Set(answers.map((a) => a.text)).size).toBeLessThanOrEqual(Math.ceil(elapsedMs / SHARED_FOR_MS) + 1);

    await sleep(STATS_FLUSH_MS);
    const reads = (await pausedSlotScans()) - before - CALIBRATION;
    console.log(`[security] 300 slot requests in ${Math.round(elapsedMs)} ms: ${reads} database reads`);
    // One read per 2 s window the flood spanned (and one more where it straddles one).
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(Math.ceil(elapsedMs / SHARED_FOR_MS) + 1);
  });
});

describe("one address booking out a slot", () => {
  it(`gets ${ADDRESS_LIMIT} orders in, whatever device ids, keys and spellings of the pickup time it varies; then 429`, async () => {
    await startOfAMinute();
    const { view } = await slots();
    const offered = view!.slots.filter((s) => s.remaining === SLOT_DRINKS);
    const [slot, other] = offered;
    const instant = Date.parse(slot!.startsAt);
    // The same instant, written in different ways, and a second slot: none of it is a new customer.
    const spellings = [slot!.startsAt, new Date(instant).toISOString().replace("Z", "+00:00"), new Date(instant + 3_600_000).toISOString().replace(".000Z", "+01:00"), other!.startsAt];
    const before = await countRows(sec.stack);
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postJson(`${sec.baseUrl}/api/orders`, fakeOrder({ pickupAt: spellings[i % spellings.length], items: [{ menuItemId: "latte", quantity: 10 }] }), {
          from: "127.0.4.1",
          headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(ADDRESS_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - ADDRESS_LIMIT);
    for (const refused of attempts.filter((a) => a.status === 429)) {
      expect((refused.json() as ErrorBody).error.code).toBe("RATE_LIMITED");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    const after = await countRows(sec.stack);
    expect(after.orders - before.orders).toBe(ADDRESS_LIMIT);
    // Scheduled, so nothing went to the kitchen: no outbox rows.
    expect(after.outbox).toBe(before.outbox);
    const booked = await sec.stack.prisma.order.count({ where: { pickupAt: { in: [new Date(slot!.startsAt), new Date(other!.startsAt)] }, status: "SCHEDULED" } });
    expect(booked).toBe(ADDRESS_LIMIT);

    // Another customer still gets the slot.
    const customer = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder({ pickupAt: slot!.startsAt }), { from: "127.0.4.2" });
    expect(customer.status, customer.text).toBe(201);
    expect(customer.json()).toMatchObject({ status: "SCHEDULED", pickupAt: slot!.startsAt });
  });
});

describe("pickup times no browser sends", () => {
  const junk: [string, unknown][] = [
    ["far in the future", "9999-12-31T23:45:00Z"],
    ["long past", "2000-01-01T08:00:00Z"],
    ["year zero", "0000-01-01T00:00:00Z"],
    ["the last instant a Date holds", "+275760-09-13T00:00:00.000Z"],
    ["year 275760 without a sign", "275760-09-13T00:00:00Z"],
    ["a negative year", "-000001-01-01T00:00:00Z"],
    ["an hour 24", "2030-01-07T24:00:00Z"],
    ["a leap second", "2030-06-30T23:59:60Z"],
    ["an offset beyond any zone", "2030-01-07T09:00:00+99:00"],
    ["SQL", "2030-01-07T09:00:00Z'; DROP TABLE \"Order\"; --"],
    ["an epoch number", 1_893_920_400_000],
    ["a huge number", 1e308],
    ["null", null],
    ["an object", { $gt: "" }],
    ["a list", ["2030-01-07T09:00:00Z"]],
    ["a long string", "9".repeat(20_000)],
    ["control characters", "2030-01-07T09:00:00Z\u0000"],
  ];

  it.each(junk)("%s gets a clean 400 or 409 and writes nothing", async (_what, pickupAt) => {
    const before = await countRows(sec.stack);
    // Each from its own address: refusals of well-formed orders count against the address's limit.
    const r = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder({ pickupAt }), { from: `127.0.5.${junk.findIndex(([, v]) => v === pickupAt) + 1}` });
    expect([400, 409], r.text).toContain(r.status);
    const { error } = r.json() as ErrorBody;
    expect(error.code).toBe(r.status === 400 ? "VALIDATION" : "SLOT_UNAVAILABLE");
    expect(error.message).toMatch(r.status === 400 ? /^pickupAt: / : /pickup time/);
    expect(error.message.length).toBeLessThan(300);
    expect(await countRows(sec.stack)).toEqual(before);
  });

  it("leaves the slots endpoint and ordering working", async () => {
    expect((await slots("127.0.5.200")).status).toBe(200);
    expect((await send({ url: `${sec.baseUrl}/api/health` })).status).toBe(200);
  });
});
