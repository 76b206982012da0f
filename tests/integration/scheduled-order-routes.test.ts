import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { POST as cancelRoute } from "../../app/api/orders/[token]/cancel/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { GET as slotsRoute } from "../../app/api/store/slots/route.ts";
import { listPickupSlots, type PickupSlotsView, type SlotOffer } from "../../lib/schedule/list-pickup-slots.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import { openAroundTheClock } from "../support/scheduled-orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";

// Ordering for a pickup slot through the route handlers, as the customer's page calls them,
// against real Postgres. The routes read the shop's clock (lib/clock.ts) from the test clock
// file, so "now" is a fixed Monday morning whatever the real time.

const ctx = setupRouteTestStack();

const MIN = 60_000;
/** Monday 7 January 2030, 8:00 in the store's zone (UTC in the test stack). */
const SHOP_NOW = new Date("2030-01-07T08:00:00.000Z");
const at = (hhmm: string, day = "2030-01-07") => new Date(`${day}T${hhmm}:00.000Z`).toISOString();
/** The slots route shares one read for 2 s; lib/clock.ts re-reads its file every 100 ms. */
const SLOTS_SHARED_MS = 2000;
const CLOCK_REREAD_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let clockDir: string;
let clockFile: string;

/** Moves the shop's clock (web routes only: lib/clock.ts) to `shopNow`; null = real time. */
async function setShopClock(shopNow: Date | null) {
  await writeFile(clockFile, String(shopNow ? shopNow.getTime() - Date.now() : 0));
  await sleep(CLOCK_REREAD_MS + 20);
}

beforeAll(async () => {
  clockDir = await mkdtemp(path.join(tmpdir(), "brewline-clock-"));
  clockFile = path.join(clockDir, "offset");
  process.env.BREWLINE_TEST_CLOCK_FILE = clockFile;
  await setShopClock(SHOP_NOW);
  await openAroundTheClock(ctx.stack.prisma);
});

afterAll(async () => {
  delete process.env.BREWLINE_TEST_CLOCK_FILE;
  await rm(clockDir, { recursive: true, force: true });
});

afterEach(async () => {
  await openAroundTheClock(ctx.stack.prisma);
  await setShopClock(SHOP_NOW);
});

type ErrorBody = { error: { code: string; message: string; details?: { nextSlots?: SlotOffer[]; issues?: { path: string; message: string }[] } } };
type Body = Record<string, unknown> & ErrorBody & { statusUrl: string };

let keys = 0;
const order = (overrides: Record<string, unknown> = {}, quantity = 1) => ({
  idempotencyKey: `slot-route-${Date.now()}-${++keys}-abcdef`,
  customerName: "Ada",
  items: [{ menuItemId: "latte", quantity, modifierIds: [] }],
  ...overrides,
});

async function post(body: unknown) {
  const r = await placeOrderRoute(
    new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    {},
  );
  return { status: r.status, location: r.headers.get("location"), body: (await r.json()) as Body };
}

async function slots() {
  const r = await slotsRoute(new Request("http://localhost/api/store/slots"), {});
  return { status: r.status, cacheControl: r.headers.get("cache-control"), body: (await r.json()) as PickupSlotsView };
}

/** The slots as the route answers them once its shared read has expired (it was made before this change). */
async function freshSlots() {
  await sleep(SLOTS_SHARED_MS + 100);
  return slots();
}

const tokenOf = (statusUrl: string) => statusUrl.split("/").pop()!;
const params = (token: string) => ({ params: Promise.resolve({ token }) });
const counts = async () => ({ orders: await ctx.stack.prisma.order.count(), outbox: await ctx.stack.prisma.outboxMessage.count() });
const remainingAt = (view: PickupSlotsView, startsAt: string) => view.slots.find((s) => s.startsAt === startsAt)?.remaining;

describe("GET /api/store/slots", () => {
  it("offers the slots after the lead time with what each still takes, shared for 2 s, never cached by the browser", async () => {
    const first = await slots();
    expect(first.status).toBe(200);
    expect(first.cacheControl).toBe("no-store");
    // No orders ahead and no prep times learned: 4 minutes of lead, so 8:15 is the first slot.
    expect(first.body).toMatchObject({ enabled: true, slotMinutes: 15, leadMinutes: 4 });
    expect(first.body.slots[0]).toEqual({ startsAt: at("08:15"), label: "8:15", day: "today", dayLabel: "Today", capacity: 12, remaining: 12, paused: false });
    const tomorrow = first.body.slots.filter((s) => s.day === "next");
    expect(tomorrow).toHaveLength(96);
    expect(tomorrow[0]).toMatchObject({ startsAt: at("00:00", "2030-01-08"), label: "0:00", dayLabel: "Tomorrow" });

    const booked = await post(order({ pickupAt: at("08:15") }, 2));
    expect(booked.status).toBe(201);
    // Within 2 s every caller gets the one shared read (the booking is not in it yet) ...
    expect(remainingAt((await slots()).body, at("08:15"))).toBe(12);
    // ... then a new read shows it.
    expect(remainingAt((await freshSlots()).body, at("08:15"))).toBe(10);
  });

  it("says scheduling is off when the café switched it off, with no slots", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { scheduledOrders: false } });
    expect((await freshSlots()).body).toMatchObject({ enabled: false, slots: [] });
  });
});

describe("POST /api/orders with pickupAt", () => {
  it("books the slot: 201, SCHEDULED with its pickup time, nothing for the kitchen yet", async () => {
    const r = await post(order({ pickupAt: "2030-01-07T10:00:00+01:00" }, 2));
    expect(r.status).toBe(201);
    // Any offset names the instant; the answer gives it back in UTC.
    expect(r.body).toMatchObject({ status: "SCHEDULED", pickupAt: at("09:00"), checkoutUrl: null, totalCents: 800 });
    expect(r.location).toBe(r.body.statusUrl);
    const row = await ctx.stack.prisma.order.findUniqueOrThrow({
      where: { publicToken: tokenOf(r.body.statusUrl) },
      select: { status: true, pickupAt: true, fireAt: true, outbox: { select: { type: true } } },
    });
    // No prep times learned yet: the default 4 minutes before pickup.
    expect(row).toEqual({ status: "SCHEDULED", pickupAt: new Date(at("09:00")), fireAt: new Date(Date.parse(at("09:00")) - 4 * MIN), outbox: [] });
  });

  it("refuses a slot without room with 409 SLOT_UNAVAILABLE, saying why and which slots are free next, writing nothing", async () => {
    expect((await post(order({ pickupAt: at("08:30") }, 10))).status).toBe(201);

    const before = await counts();
    const tooMany = await post(order({ pickupAt: at("08:30") }, 3));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe("SLOT_UNAVAILABLE");
    expect(tooMany.body.error.message).toBe("The 8:30 pickup time only has room for 2 more drinks. Next free: 8:45, 9:00, 9:15.");
    expect(await counts()).toEqual(before);

    expect((await post(order({ pickupAt: at("08:30") }, 2))).status).toBe(201);
    const full = await post(order({ pickupAt: at("08:30") }, 1));
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: "SLOT_UNAVAILABLE", message: "The 8:30 pickup time just filled up. Next free: 8:45, 9:00, 9:15." });
    // The browser offers these again without the customer losing the cart.
    expect(full.body.error.details?.nextSlots).toEqual([
      { startsAt: at("08:45"), label: "8:45", day: "today", dayLabel: "Today", capacity: 12, remaining: 12, paused: false },
      // 2 of 9:00's drinks were booked above.
      { startsAt: at("09:00"), label: "9:00", day: "today", dayLabel: "Today", capacity: 12, remaining: 10, paused: false },
      { startsAt: at("09:15"), label: "9:15", day: "today", dayLabel: "Today", capacity: 12, remaining: 12, paused: false },
    ]);
  });

  it("refuses a slot that is too soon or not a slot, with the next free ones", async () => {
    const soon = await post(order({ pickupAt: at("08:00") }));
    expect(soon.status).toBe(409);
    expect(soon.body.error.message).toMatch(/^That pickup time is too soon now: we need about \d+ minutes\. Next free: /);
    const odd = await post(order({ pickupAt: at("11:07") }));
    expect(odd.status).toBe(409);
    expect(odd.body.error).toMatchObject({ code: "SLOT_UNAVAILABLE", message: "That isn't one of our pickup times. Next free: 11:15, 11:30, 11:45." });
  });

  it.each([
    ["words", "tomorrow at 8"],
    ["a date without a time", "2030-01-07"],
    ["a time without a zone", "2030-01-07T09:00:00"],
    ["a day that does not exist", "2030-02-30T09:00:00Z"],
    ["a number", Date.parse("2030-01-07T09:00:00Z")],
    ["an empty string", ""],
  ])("refuses a malformed pickupAt (%s) with 400 naming the field, writing nothing", async (_what, pickupAt) => {
    const before = await counts();
    const r = await post(order({ pickupAt }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION");
    expect(r.body.error.message).toMatch(/^pickupAt: pickupAt must be a date and time such as /);
    expect(r.body.error.details?.issues?.map((i) => i.path)).toEqual(["pickupAt"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a slot with 409 SLOT_UNAVAILABLE while the café has scheduling switched off", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { scheduledOrders: false } });
    const before = await counts();
    const r = await post(order({ pickupAt: at("10:00") }));
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({ code: "SLOT_UNAVAILABLE", message: "Sorry, we're not taking orders for later right now.", details: { nextSlots: [] } });
    expect(await counts()).toEqual(before);
    // Ordering for now is not affected.
    expect((await post(order())).body.status).toBe("PLACED");
  });

  it("takes a slot order while closed by the hours, busy-paused or at the open-orders limit, which refuse orders for now", async () => {
    // Monday 9:00–17:00: at 8:00 the shop is closed, its first slot is 9:00.
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { openingHours: { mon: [["09:00", "17:00"]] } } });
    expect((await post(order())).body.error.code).toBe("STORE_CLOSED");
    expect((await post(order({ pickupAt: at("09:15") }))).body).toMatchObject({ status: "SCHEDULED", pickupAt: at("09:15") });
    const closed = await freshSlots();
    expect(closed.body.slots[0]).toMatchObject({ startsAt: at("09:00"), label: "9:00", day: "today" });
    expect(closed.body.slots.filter((s) => s.day === "today").at(-1)).toMatchObject({ label: "16:45" });
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { openingHours: null } });

    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil: new Date(SHOP_NOW.getTime() + 20 * MIN) } });
    expect((await post(order())).body.error.code).toBe("STORE_PAUSED");
    expect((await post(order({ pickupAt: at("09:30") }))).status).toBe(201);
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { pausedUntil: null } });

    expect((await post(order())).body.status).toBe("PLACED");
    const open = await ctx.stack.prisma.order.count({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } } });
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { maxOpenOrders: open } });
    expect((await post(order())).body.error.code).toBe("AT_CAPACITY");
    expect((await post(order({ pickupAt: at("09:45") }))).status).toBe(201);
  });

  it("refuses a slot when the café stopped taking orders altogether", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { acceptingOrders: false } });
    const before = await counts();
    const r = await post(order({ pickupAt: at("10:00") }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("SLOT_UNAVAILABLE");
    expect(await counts()).toEqual(before);
  });
});

describe("a scheduled order's status page", () => {
  it("shows it SCHEDULED for its pickup time, not late, cancellable; cancelling frees its place", async () => {
    // Real time here: the status route labels the pickup time against the real clock.
    await setShopClock(null);
    const offer = await listPickupSlots({ prisma: ctx.stack.prisma, timeZone: "UTC", now: new Date() });
    const slot = offer.slots.find((s) => s.remaining >= 2 && s.day === "today") ?? offer.slots.find((s) => s.remaining >= 2)!;
    const placed = await post(order({ pickupAt: slot.startsAt }, 2));
    expect(placed.status).toBe(201);
    const token = tokenOf(placed.body.statusUrl);

    const status = await orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), params(token));
    expect(status.status).toBe(200);
    const label = slot.day === "today" ? slot.label : slot.dayLabel === "Tomorrow" ? `${slot.label} tomorrow` : `${slot.label} on ${slot.dayLabel}`;
    expect(await status.json()).toMatchObject({ status: "SCHEDULED", pickupAt: slot.startsAt, pickupLabel: label, late: false, canCancel: true, queuePosition: null });

    const cancelled = await cancelRoute(new Request(`http://localhost/api/orders/${token}/cancel`, { method: "POST" }), params(token));
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ status: "CANCELLED", refund: null });
    const after = await orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), params(token));
    expect(await after.json()).toMatchObject({ status: "CANCELLED", canCancel: false, pickupAt: slot.startsAt });
    const freed = await listPickupSlots({ prisma: ctx.stack.prisma, timeZone: "UTC", now: new Date() });
    expect(remainingAt(freed, slot.startsAt)).toBe(slot.remaining);
  });
});
