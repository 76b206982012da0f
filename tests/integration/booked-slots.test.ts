import { beforeAll, describe, expect, it } from "vitest";
import { GET as slotEventsRoute } from "../../app/api/dashboard/slots/events/route.ts";
import { POST as pauseRoute } from "../../app/api/dashboard/slots/pause/route.ts";
import { isAppError } from "../../lib/errors.ts";
import type { OrderStatus } from "../../lib/generated/prisma/client.ts";
import { getBookedSlots, type BookedSlotsView } from "../../lib/schedule/get-booked-slots.ts";
import { pauseSlot } from "../../lib/schedule/pause-slot.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";
import { staffHeaders } from "../support/staff-session.ts";

// The café's view of its pickup slots and the slot pause, against real Postgres with an
// injected clock: bookings counted per slot (cancelled and never-paid orders not), pauses
// that leave bookings alone and leave an audit line, and the manager-only route.

const ctx = setupRouteTestStack();
const prisma = () => ctx.stack.prisma;
const timeZone = "UTC";
const actor = { id: "manager-1", name: "Morgan" };

// Monday 9:05; open 7–17 on Mondays, shut on Tuesdays, 8–12 on Wednesdays (20 drinks a slot).
const NOW = new Date("2026-12-07T09:05:00Z");
const at = (iso: string) => new Date(`2026-12-${iso}:00Z`);
const HOURS = { mon: [["07:00", "17:00"]], wed: [["08:00", "12:00"]] };

let tickets = 0;

/** An order booked for `pickupAt` in `status`, its one line holding `drinks` drinks. */
async function book(pickupAt: Date, drinks: number, status: OrderStatus = "SCHEDULED") {
  tickets += 1;
  const order = await prisma().order.create({
    data: {
      publicToken: `slot-test-${tickets}-${crypto.randomUUID()}`,
      idempotencyKey: `slot-test-${tickets}-${crypto.randomUUID()}`,
      businessDate: new Date(pickupAt.toISOString().slice(0, 10)),
      ticketNumber: tickets,
      customerName: `Guest ${tickets}`,
      status,
      pickupAt,
      totalCents: 450 * drinks,
      subtotalCents: 450 * drinks,
      items: { create: [{ menuItemId: "latte", name: "Caffè latte", quantity: drinks, unitPriceCents: 450, options: [], position: 0 }] },
    },
    select: { id: true },
  });
  return order.id;
}

const view = () => getBookedSlots({ prisma: prisma(), timeZone, now: NOW });
const row = (v: BookedSlotsView, startsAt: Date) => [...v.today.slots, ...(v.next?.slots ?? [])].find((s) => s.startsAt === startsAt.toISOString());

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

beforeAll(async () => {
  await prisma().storeSettings.update({
    where: { id: 1 },
    data: { openingHours: HOURS, slotMinutes: 15, slotDrinks: 12, slotDrinksByWeekday: { wed: 20 } },
  });
});

describe("getBookedSlots", () => {
  it("lists today's slots from opening and the next open day's, with bookings per slot", async () => {
    const ten = at("07T10:00");
    const kept = [await book(ten, 2), await book(ten, 3, "AWAITING_PAYMENT")];
    await book(ten, 5, "CANCELLED");
    await book(ten, 7, "PAYMENT_EXPIRED");
    await book(at("07T08:00"), 1, "READY");
    await book(at("09T08:15"), 4);
    // Booked under other settings (5-minute slots): not a slot now, but the order still exists.
    await book(at("07T10:05"), 1);

    const v = await view();
    expect(v).toMatchObject({ scheduledOrders: true, slotMinutes: 15 });
    expect(v.today).toMatchObject({ day: "today", dayLabel: "Today", bookedOrders: 4, bookedDrinks: 7 });
    // 7:00 to 16:45 (past ones too), plus the off-grid booking.
    expect(v.today.slots.map((s) => s.label).slice(0, 3)).toEqual(["7:00", "7:15", "7:30"]);
    expect(v.today.slots).toHaveLength(41);
    expect(v.today.slots.at(-1)?.label).toBe("16:45");
    expect(row(v, ten)).toEqual({
      startsAt: ten.toISOString(),
      label: "10:00",
      day: "today",
      dayLabel: "Today",
      capacity: 12,
      bookedOrders: kept.length,
      bookedDrinks: 5,
      paused: false,
      started: false,
      isSlot: true,
    });
    expect(row(v, at("07T08:00"))).toMatchObject({ bookedOrders: 1, bookedDrinks: 1, started: true, isSlot: true });
    expect(row(v, at("07T10:05"))).toMatchObject({ day: "today", bookedOrders: 1, bookedDrinks: 1, isSlot: false });
    expect(row(v, at("07T10:15"))).toMatchObject({ bookedOrders: 0, bookedDrinks: 0 });

    // Tuesday is shut: the next open day is Wednesday, with its own capacity.
    expect(v.next).toMatchObject({ day: "next", dayLabel: "Wednesday", bookedOrders: 1, bookedDrinks: 4 });
    expect(v.next?.slots).toHaveLength(16);
    expect(row(v, at("09T08:15"))).toMatchObject({ day: "next", dayLabel: "Wednesday", label: "8:15", capacity: 20, bookedOrders: 1, bookedDrinks: 4 });
  });

  it("calls the next open day Tomorrow when it is", async () => {
    const v = await getBookedSlots({ prisma: prisma(), timeZone, now: new Date("2026-12-08T20:00:00Z") });
    expect(v.today.slots).toEqual([]);
    expect(v.next).toMatchObject({ dayLabel: "Tomorrow" });
  });
});

describe("pauseSlot", () => {
  it("pauses and resumes a slot, leaves its bookings alone and writes one audit line per change", async () => {
    const slot = at("07T11:00");
    const booked = await book(slot, 3);
    const audit = () => prisma().auditLog.findMany({ where: { action: { in: ["slot.pause", "slot.resume"] } }, orderBy: { at: "asc" }, select: { action: true, actorName: true, summary: true, details: true } });
    const before = (await audit()).length;

    expect(await pauseSlot({ prisma: prisma(), startsAt: slot, paused: true, actor, timeZone, now: NOW })).toEqual({ startsAt: slot.toISOString(), paused: true, changed: true });
    expect(await prisma().pausedSlot.findUnique({ where: { startsAt: slot }, select: { pausedBy: true } })).toEqual({ pausedBy: "Morgan" });
    expect(row(await view(), slot)).toMatchObject({ paused: true, bookedOrders: 1, bookedDrinks: 3 });
    expect(await prisma().order.findUnique({ where: { id: booked }, select: { status: true, pickupAt: true } })).toEqual({ status: "SCHEDULED", pickupAt: slot });

    // Asking again changes nothing and writes no second line.
    expect(await pauseSlot({ prisma: prisma(), startsAt: slot, paused: true, actor, timeZone, now: NOW })).toMatchObject({ changed: false });

    expect(await pauseSlot({ prisma: prisma(), startsAt: slot, paused: false, actor, timeZone, now: NOW })).toMatchObject({ paused: false, changed: true });
    expect(await prisma().pausedSlot.count({ where: { startsAt: slot } })).toBe(0);
    expect(row(await view(), slot)).toMatchObject({ paused: false, bookedOrders: 1 });
    expect(await pauseSlot({ prisma: prisma(), startsAt: slot, paused: false, actor, timeZone, now: NOW })).toMatchObject({ changed: false });

    const details = { startsAt: slot.toISOString() };
    expect((await audit()).slice(before)).toEqual([
      { action: "slot.pause", actorName: "Morgan", summary: "Paused the pickup slot at 11:00", details },
      { action: "slot.resume", actorName: "Morgan", summary: "Resumed the pickup slot at 11:00", details },
    ]);
  });

  it("pauses the next open day's slots too", async () => {
    const slot = at("09T11:45");
    await pauseSlot({ prisma: prisma(), startsAt: slot, paused: true, actor, timeZone, now: NOW });
    expect(row(await view(), slot)).toMatchObject({ day: "next", paused: true });
    const line = await prisma().auditLog.findFirst({ where: { action: "slot.pause" }, orderBy: { at: "desc" }, select: { summary: true } });
    expect(line).toEqual({ summary: "Paused the pickup slot at 11:45 on Wednesday" });
    await pauseSlot({ prisma: prisma(), startsAt: slot, paused: false, actor, timeZone, now: NOW });
  });

  it("refuses instants that are no slot start today or on the next open day, and slots already started", async () => {
    const pause = (startsAt: Date, paused = true) => refusal(pauseSlot({ prisma: prisma(), startsAt, paused, actor, timeZone, now: NOW }));
    const notASlot = /is not the start of a pickup slot today or on the next open day/;
    for (const instant of [at("07T10:05"), at("07T17:00"), at("08T10:00"), at("09T12:00"), at("14T10:00"), new Date("2026-12-07T10:00:30Z")]) {
      expect(await pause(instant), instant.toISOString()).toEqual({ code: "VALIDATION", message: expect.stringMatching(notASlot) });
    }
    expect(await pause(at("07T10:05"), false)).toMatchObject({ code: "VALIDATION" });
    expect(await pause(at("07T09:00"))).toEqual({ code: "VALIDATION", message: "The 9:00 slot has already started" });
    expect(await prisma().pausedSlot.count()).toBe(0);
  });
});

describe("POST /api/dashboard/slots/pause", () => {
  const post = async (body: unknown, role: "manager" | "barista" | null) =>
    pauseRoute(
      new Request("http://localhost:3000/api/dashboard/slots/pause", {
        method: "POST",
        headers: role ? await staffHeaders(prisma(), role) : { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      undefined,
    );

  it("refuses strangers (401) and baristas (403), and bad bodies (400)", async () => {
    const body = { startsAt: "2026-12-07T10:00:00Z", paused: true };
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, "barista")).status).toBe(403);
    for (const [bad, message] of [
      [{ startsAt: "tomorrow 8:15", paused: true }, /startsAt must be an ISO 8601 date and time/],
      [{ startsAt: "2026-12-07T10:00:00Z", paused: "yes" }, /paused must be true or false/],
      [{ startsAt: "2026-12-07T10:00:00Z" }, /paused/],
      [{ startsAt: "2026-12-07T10:00:00Z", paused: true, extra: 1 }, /extra/],
    ] as const) {
      const response = await post(bad, "manager");
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await prisma().pausedSlot.count()).toBe(0);
  });

  it("lets a manager pause and resume a slot on the shop's clock (always open here), and says so on the slots page's stream", async () => {
    await prisma().$executeRaw`UPDATE "StoreSettings" SET "openingHours" = NULL WHERE "id" = 1`;
    const abort = new AbortController();
    const events = sseReader(await slotEventsRoute(new Request("http://localhost:3000/api/dashboard/slots/events", { headers: await staffHeaders(prisma(), "manager"), signal: abort.signal }), undefined));
    try {
      expect(await events.nextEvent()).toMatchObject({ event: "changed" });
      // The slot after next on the real clock: still ahead however slowly this runs.
      const quarter = 15 * 60_000;
      const startsAt = new Date((Math.floor(Date.now() / quarter) + 2) * quarter).toISOString();
      const paused = await post({ startsAt, paused: true }, "manager");
      expect(paused.status).toBe(200);
      expect(await paused.json()).toEqual({ startsAt, paused: true, changed: true });
      expect(await events.nextEvent()).toMatchObject({ event: "changed" });
      const audit = await prisma().auditLog.findFirst({ where: { action: "slot.pause" }, orderBy: { at: "desc" }, select: { actorName: true, details: true } });
      expect(audit).toEqual({ actorName: expect.stringMatching(/^Morgan/), details: { startsAt } });

      const resumed = await post({ startsAt, paused: false }, "manager");
      expect(await resumed.json()).toEqual({ startsAt, paused: false, changed: true });
      expect(await prisma().pausedSlot.count()).toBe(0);
      expect(await events.nextEvent()).toMatchObject({ event: "changed" });

      const offGrid = await post({ startsAt: new Date(Date.parse(startsAt) + 60_000).toISOString(), paused: true }, "manager");
      expect(offGrid.status).toBe(400);
    } finally {
      abort.abort();
      await events.cancel();
    }
  });
});
