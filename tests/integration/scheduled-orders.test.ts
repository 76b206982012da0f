import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../lib/errors.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { cancelOrder } from "../../lib/orders/cancel-order.ts";
import { fireDueOrders } from "../../lib/orders/fire-due-orders.ts";
import { getOrderStatus } from "../../lib/orders/get-order-status.ts";
import { listPickupSlots } from "../../lib/schedule/list-pickup-slots.ts";
import { openAroundTheClock, placeScheduledOrder } from "../support/scheduled-orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// Orders for a pickup slot against the real database, on an injected clock: booking within
// the slot's capacity (raced), firing to the kitchen exactly once with several workers and
// after a crash, late after an outage, and cancelling before the fire time.

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  await openAroundTheClock(stack.prisma);
});
afterAll(() => stack?.stop());

const MIN = 60_000;
/** A Monday morning in UTC, well in the future so the stack's real clock never fires anything. */
const NOW = new Date("2030-01-07T08:00:00.000Z");
const at = (hhmm: string, day = "2030-01-07") => new Date(`${day}T${hhmm}:00.000Z`);
const place = (pickupAt: Date, extra: { quantity?: number; idempotencyKey?: string; now?: Date } = {}) =>
  placeScheduledOrder({ prisma: stack.prisma, transport: stack.transport, now: extra.now ?? NOW, pickupAt, ...extra });

async function slotError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected SLOT_UNAVAILABLE, got ${String(error)}`);
  return error;
}

describe("booking a pickup slot", () => {
  it("is SCHEDULED with its fire time (pickup minus prep), no order.placed yet, and offered slots start after the lead time", async () => {
    const view = await listPickupSlots({ prisma: stack.prisma, timeZone: "UTC", now: NOW });
    expect(view).toMatchObject({ enabled: true, slotMinutes: 15, leadMinutes: 4 });
    // 4 minutes of lead from 8:00: 8:15 is the first slot; the day runs to midnight, then all of tomorrow.
    expect(view.slots[0]).toMatchObject({ startsAt: at("08:15").toISOString(), label: "8:15", day: "today", dayLabel: "Today", remaining: 12 });
    expect(view.slots.filter((s) => s.day === "next")).toHaveLength(96);
    expect(view.slots.find((s) => s.day === "next")!.dayLabel).toBe("Tomorrow");

    const order = await place(at("08:15"), { quantity: 2 });
    expect(order).toMatchObject({ status: "SCHEDULED", pickupAt: at("08:15").toISOString(), created: true });
    const row = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId }, select: { status: true, fireAt: true, firedAt: true, outbox: { select: { id: true } } } });
    // No prep times learned yet: the default 4 minutes.
    expect(row).toEqual({ status: "SCHEDULED", fireAt: new Date(at("08:15").getTime() - 4 * MIN), firedAt: null, outbox: [] });
    const after = await listPickupSlots({ prisma: stack.prisma, timeZone: "UTC", now: NOW });
    expect(after.slots[0]!.remaining).toBe(10);
  });

  it("an order tonight for tomorrow gets tomorrow's ticket numbers", async () => {
    const order = await place(at("09:00", "2030-01-08"));
    const row = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId }, select: { businessDate: true } });
    expect(row.businessDate.toISOString().slice(0, 10)).toBe("2030-01-08");
  });

  it("refuses a time too soon or not a slot, with the next free slots", async () => {
    const tooSoon = await slotError(place(at("08:00")));
    expect(tooSoon.code).toBe("SLOT_UNAVAILABLE");
    expect(tooSoon.message).toMatch(/too soon/);
    expect((tooSoon.details!.nextSlots as { label: string }[]).map((s) => s.label)).toEqual(["8:15", "8:30", "8:45"]);
    const odd = await slotError(place(at("08:20")));
    expect(odd.message).toMatch(/isn't one of our pickup times.*Next free: 8:30, 8:45, 9:00/);
  });

  it("10 customers racing for a slot with 3 drinks left: exactly 3 get it, the others are offered the next ones", async () => {
    const slot = at("10:00");
    await place(slot, { quantity: 9 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => place(slot)));
    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(accepted).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const e of refused) {
      expect(isAppError(e) && e.code).toBe("SLOT_UNAVAILABLE");
      expect(isAppError(e) && e.message).toMatch(/10:00 pickup time just filled up\. Next free: 10:15/);
    }
    const booked = await stack.prisma.orderItem.aggregate({ _sum: { quantity: true }, where: { order: { pickupAt: slot } } });
    expect(booked._sum.quantity).toBe(12);
  });

  it("a retry of an accepted booking gets its order even once the slot is full", async () => {
    const slot = at("10:30");
    const first = await place(slot, { quantity: 3, idempotencyKey: "sched-retry-key-000001" });
    await place(slot, { quantity: 9 });
    const retry = await place(slot, { quantity: 3, idempotencyKey: "sched-retry-key-000001" });
    expect(retry).toMatchObject({ orderId: first.orderId, created: false, status: "SCHEDULED" });
  });

  it("a paused slot takes no new booking and keeps the ones it has", async () => {
    const slot = at("11:00");
    const booked = await place(slot);
    await stack.prisma.pausedSlot.create({ data: { startsAt: slot, pausedBy: "Test" } });
    const error = await slotError(place(slot));
    expect(error.message).toMatch(/11:00 pickup time isn't taking more orders/);
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: booked.orderId } })).status).toBe("SCHEDULED");
  });

  it("the customer can cancel until it is fired, which frees its place", async () => {
    const slot = at("11:30");
    const order = await place(slot, { quantity: 4 });
    const token = (await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).publicToken;
    expect((await getOrderStatus({ prisma: stack.prisma, where: { id: order.orderId }, timeZone: "UTC", now: NOW }))!.view).toMatchObject({
      status: "SCHEDULED",
      canCancel: true,
      pickupLabel: "11:30",
      late: false,
    });
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: token, now: NOW });
    const view = await listPickupSlots({ prisma: stack.prisma, timeZone: "UTC", now: NOW });
    expect(view.slots.find((s) => s.label === "11:30" && s.day === "today")!.remaining).toBe(12);
    await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: at("11:30") });
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("CANCELLED");
  });
});

describe("firing scheduled orders", () => {
  const day = "2030-01-09";
  const placedAt = new Date(`${day}T06:00:00.000Z`);

  it("3 workers firing side by side release each order exactly once, at its fire time", async () => {
    const slots = ["07:00", "07:15", "07:30", "07:45", "08:00"].map((t) => at(t, day));
    const orders = [];
    for (const slot of slots) for (let i = 0; i < 6; i++) orders.push(await place(slot, { now: placedAt }));
    const ids = orders.map((o) => o.orderId);
    // The clock moves a minute at a time; every worker tries at every tick.
    for (let t = placedAt.getTime(); t <= at("08:00", day).getTime(); t += MIN) {
      await Promise.all([1, 2, 3].map(() => fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(t), limit: 4 })));
    }
    const rows = await stack.prisma.order.findMany({ where: { id: { in: ids } }, select: { status: true, fireAt: true, firedAt: true, createdAt: true, _count: { select: { outbox: true } } } });
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(row.status).toBe("PLACED");
      expect(row._count.outbox).toBe(1);
      // Fired at the first tick at or after its fire time (ticks are a minute apart here).
      expect(row.firedAt!.getTime() - row.fireAt!.getTime()).toBeGreaterThanOrEqual(0);
      expect(row.firedAt!.getTime() - row.fireAt!.getTime()).toBeLessThan(MIN);
      expect(row.createdAt).toEqual(row.fireAt);
    }
  });

  it("a worker that dies holding its claim fires nothing; the next run fires those orders", async () => {
    const slot = at("09:00", day);
    const orders = await Promise.all([1, 2, 3].map(() => place(slot, { now: placedAt })));
    const due = new Date(slot.getTime());
    const doomed = new pg.Client({ connectionString: stack.pg.url });
    await doomed.connect();
    doomed.on("error", () => {});
    await doomed.query("BEGIN");
    await doomed.query(`SELECT "id" FROM "Order" WHERE "status" = 'SCHEDULED' AND "fireAt" <= $1 FOR UPDATE SKIP LOCKED`, [due]);
    // Its claim holds: the others skip those orders rather than wait or fire them twice.
    expect((await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: due })).fired).toBe(0);
    const pid = (await doomed.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    await stack.prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await doomed.end().catch(() => {});
    expect((await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: due })).fired).toBe(3);
    const outbox = await stack.prisma.outboxMessage.count({ where: { orderId: { in: orders.map((o) => o.orderId) }, type: "order.placed" } });
    expect(outbox).toBe(3);
  });

  it("after an outage an order is fired late, marked late, never lost", async () => {
    const slot = at("12:00", day);
    const order = await place(slot, { now: placedAt });
    const result = await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(slot.getTime() + 20 * MIN) });
    expect(result).toMatchObject({ fired: 1, late: 1 });
    const view = (await getOrderStatus({ prisma: stack.prisma, where: { id: order.orderId }, timeZone: "UTC", now: slot }))!.view;
    expect(view).toMatchObject({ status: "PLACED", late: true, pickupAt: slot.toISOString() });
  });

  it("tells the next fire time so the worker can wait for it exactly", async () => {
    const slot = at("15:00", day);
    await place(slot, { now: placedAt });
    const result = await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(slot.getTime() - 10 * MIN) });
    expect(result.fired).toBe(0);
    expect(result.nextFireAt).toEqual(new Date(slot.getTime() - 4 * MIN));
  });
});
