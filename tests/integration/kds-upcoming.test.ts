import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getKdsBoard } from "../../lib/kitchen/get-kds-board.ts";
import { getOrderBoard } from "../../lib/kitchen/get-order-board.ts";
import type { KdsBoardData } from "../../lib/kitchen/kitchen-types.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { createKdsView } from "../../lib/realtime/live-views.ts";
import { parseMenuChange } from "../../lib/realtime/menu-listener.ts";
import { parseOrderChange } from "../../lib/realtime/order-listener.ts";
import { PgListener } from "../../lib/realtime/pg-listener.ts";
import type { ViewUpdate } from "../../lib/realtime/shared-view.ts";
import type { ShopChange } from "../../lib/realtime/shop-listener.ts";
import { markQueued } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { waitFor } from "../support/worker-harness.ts";

// Scheduled orders and the kitchen: not on the kitchen display nor the order board until
// fired, counted per slot in the Upcoming strip meanwhile, then a ticket that says its
// pickup time and whether it was fired late. Orders are made SCHEDULED by hand here (the
// booking and the firing are tested with their own code).

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

// Each test starts with nothing scheduled and nothing on the board.
beforeEach(async () => {
  await stack.prisma.order.updateMany({ where: { status: { in: ["SCHEDULED", "PLACED", "QUEUED", "IN_PROGRESS"] } }, data: { status: "CANCELLED" } });
});

// New York, to prove labels are in the store's time zone: 13:15 UTC is 8:15 there in March.
const timeZone = "America/New_York";
const minutes = (n: number) => n * 60_000;
const at = (base: Date, offsetMinutes: number) => new Date(base.getTime() + minutes(offsetMinutes));

type Line = { menuItemId: string; quantity: number; modifierIds: string[] };
const latte: Line = { menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] };
const filter = (quantity: number): Line => ({ menuItemId: "filter", quantity, modifierIds: [] });

let n = 0;
const place = (customerName: string, items: Line[] = [latte]) =>
  placeOrder({
    prisma: stack.prisma,
    transport: stack.transport,
    timeZone: "UTC",
    input: placeOrderInputSchema.parse({ idempotencyKey: `kds-upcoming-${Date.now()}-${++n}-abcdef`, customerName, items }),
  });

/** An order booked for pickupAt, to be fired 10 minutes before. */
async function scheduled(customerName: string, pickupAt: Date, items: Line[] = [latte]) {
  const order = await place(customerName, items);
  await stack.prisma.order.update({ where: { id: order.orderId }, data: { status: "SCHEDULED", pickupAt, fireAt: at(pickupAt, -10), firedAt: null } });
  return order;
}

/** What the worker does when it fires the order (at firedAt) and then takes order.placed. */
async function fire(orderId: string, firedAt: Date) {
  await stack.prisma.order.update({ where: { id: orderId }, data: { status: "PLACED", firedAt } });
  await markQueued(stack.prisma, orderId, firedAt);
}

const fireAtOf = async (orderId: string) => (await stack.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { fireAt: true } })).fireAt!;

describe("scheduled orders on the kitchen display and the order board", () => {
  // 7:50 in New York: the 8:15 slot is 25 minutes away.
  const now = new Date("2030-03-04T12:50:00.000Z");
  const slot815 = new Date("2030-03-04T13:15:00.000Z");
  const slot830 = at(slot815, 15);
  const board = () => getKdsBoard({ prisma: stack.prisma, timeZone, now });

  it("keeps a scheduled order off both boards, counts it per slot, and shows it with its pickup time once fired", async () => {
    const asap = await place("Right Now");
    await markQueued(stack.prisma, asap.orderId);
    const early = await scheduled("Early Bird", slot815, [latte, filter(2)]);
    const onTime = await scheduled("On Time", slot815);
    await scheduled("Half Past", slot830, [filter(3)]);
    await scheduled("Too Far", at(now, 4 * 60 + 5));
    await scheduled("Already Due", at(now, -5));
    const cancelled = await scheduled("Changed Mind", slot830);
    await stack.prisma.order.update({ where: { id: cancelled.orderId }, data: { status: "CANCELLED" } });

    const before = await board();
    expect(before.tickets.map((t) => t.customerName)).toEqual(["Right Now"]);
    expect(before.tickets[0]).toMatchObject({ pickupAt: null, pickupLabel: null, late: false });
    const orderBoard = await getOrderBoard({ prisma: stack.prisma, now });
    expect([...orderBoard.preparing, ...orderBoard.ready].map((e) => e.ticketNumber)).toEqual([asap.ticketNumber]);
    expect(before.upcoming).toEqual([
      { startsAt: slot815.toISOString(), label: "8:15", orders: 2, drinks: 4 },
      { startsAt: slot830.toISOString(), label: "8:30", orders: 1, drinks: 3 },
    ]);

    // The worker was down at 8:05: "Early Bird" goes out 5 minutes late, "On Time" on time.
    const earlyFireAt = await fireAtOf(early.orderId);
    await fire(early.orderId, at(earlyFireAt, 5));
    await fire(onTime.orderId, new Date((await fireAtOf(onTime.orderId)).getTime() + 2_000));

    const after = await board();
    const ticket = (id: string) => after.tickets.find((t) => t.id === id);
    expect(ticket(early.orderId)).toMatchObject({ status: "QUEUED", pickupAt: slot815.toISOString(), pickupLabel: "8:15", late: true });
    expect(ticket(onTime.orderId)).toMatchObject({ pickupAt: slot815.toISOString(), pickupLabel: "8:15", late: false });
    expect((await getOrderBoard({ prisma: stack.prisma, now })).preparing.map((e) => e.ticketNumber).sort()).toEqual(
      [asap.ticketNumber, early.ticketNumber, onTime.ticketNumber].sort(),
    );
    expect(after.upcoming).toEqual([{ startsAt: slot830.toISOString(), label: "8:30", orders: 1, drinks: 3 }]);
  });

  it("shows at most the next 8 slots, soonest first, on every station's board", async () => {
    for (let i = 9; i >= 0; i--) await scheduled(`Slot ${i}`, at(slot815, i * 15));
    const { upcoming } = await board();
    expect(upcoming.map((s) => s.label)).toEqual(["8:15", "8:30", "8:45", "9:00", "9:15", "9:30", "9:45", "10:00"]);
    expect(upcoming.every((s) => s.orders === 1 && s.drinks === 1)).toBe(true);
    expect((await getKdsBoard({ prisma: stack.prisma, station: "Brew bar", timeZone, now })).upcoming).toEqual(upcoming);
  });
});

describe("the live kitchen view", () => {
  it("moves a scheduled order from Upcoming to the tickets when it is fired", async () => {
    const listener = new PgListener<ShopChange>({
      connectionString: stack.pg.url,
      channels: { order_changed: parseOrderChange, menu_changed: parseMenuChange },
      applicationName: "kds-upcoming-test",
    });
    const view = createKdsView({ prisma: stack.prisma, listener, timeZone, intervalMs: 10 });
    // Real time here: the live view reads the shop's clock.
    const pickupAt = new Date(Math.ceil((Date.now() + minutes(30)) / minutes(15)) * minutes(15));
    const boards: KdsBoardData[] = [];
    const deliver = (update: ViewUpdate) => {
      if (typeof update === "object") boards.push(JSON.parse(update.json) as KdsBoardData);
    };
    const leave = view.join(null, deliver, () => getKdsBoard({ prisma: stack.prisma, timeZone }));
    try {
      await waitFor(async () => boards.length > 0 && listener.connected, { what: "first board" });
      const order = await scheduled("Live", pickupAt);
      await waitFor(async () => boards.at(-1)!.upcoming.some((s) => s.startsAt === pickupAt.toISOString() && s.orders === 1), { what: "the slot in Upcoming" });
      expect(boards.at(-1)!.tickets.some((t) => t.id === order.orderId)).toBe(false);

      await fire(order.orderId, new Date());
      const last = await waitFor(async () => boards.at(-1)!.tickets.find((t) => t.id === order.orderId), { what: "the fired ticket" });
      expect(last).toMatchObject({ pickupAt: pickupAt.toISOString(), late: false });
      expect(boards.at(-1)!.upcoming).toEqual([]);
    } finally {
      leave();
      view.close();
      await listener.stop();
    }
  });
});
