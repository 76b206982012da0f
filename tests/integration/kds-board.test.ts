import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { getKdsBoard } from "../../lib/kitchen/get-kds-board.ts";
import { getOrderBoard } from "../../lib/kitchen/get-order-board.ts";
import { markStationDone } from "../../lib/kitchen/mark-station-done.ts";
import { prioritizeOrder } from "../../lib/kitchen/prioritize-order.ts";
import { updateKdsSettings, WARN_BEFORE_LATE } from "../../lib/kitchen/update-kds-settings.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { markQueued } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { listenOrderChanges, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The kitchen display's and the order board's data, and the barista actions that only
// touch the database (priority, station routing), against real Postgres.

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

// Each test starts from an empty board and nothing recently ready.
beforeEach(async () => {
  await stack.prisma.order.updateMany({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } }, data: { status: "CANCELLED" } });
  await stack.prisma.order.updateMany({ where: { status: "READY" }, data: { readyAt: new Date(0) } });
});

type Line = { menuItemId: string; quantity: number; modifierIds: string[]; note?: string };
const latte: Line = { menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] };
const filter: Line = { menuItemId: "filter", quantity: 2, modifierIds: [] };

let n = 0;
async function queuedOrder(customerName: string, items: Line[] = [latte], queuedAt = new Date()) {
  const placed = await placeOrder({
    prisma: stack.prisma,
    transport: stack.transport,
    timeZone: "UTC",
    input: placeOrderInputSchema.parse({ idempotencyKey: `kds-board-${Date.now()}-${++n}-abcdef`, customerName, items }),
  });
  await markQueued(stack.prisma, placed.orderId, queuedAt);
  return placed;
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
const board = (station?: string) => getKdsBoard({ prisma: stack.prisma, station, timeZone: "UTC" });
const rejection = (p: Promise<unknown>) => p.then(() => expect.fail("expected a rejection"), (e: unknown) => e as AppError);

describe("getKdsBoard", () => {
  it("lists open tickets prioritized first (latest first), then by queue time, with what the barista must notice", async () => {
    const a = await queuedOrder("Ana", [latte], ago(180));
    const b = await queuedOrder("Ben", [latte], ago(120));
    const c = await queuedOrder("Cy", [latte], ago(60));
    await placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: placeOrderInputSchema.parse({ idempotencyKey: `kds-board-placed-${Date.now()}`, customerName: "Not queued yet", items: [latte] }) });
    expect((await board()).tickets.map((t) => t.customerName)).toEqual(["Ana", "Ben", "Cy"]);

    await prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: c.orderId, priority: true, now: ago(10) });
    const at = ago(5);
    const prioritized = await prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: b.orderId, priority: true, now: at });
    expect(prioritized).toEqual({ orderId: b.orderId, ticketNumber: b.ticketNumber, prioritizedAt: at.toISOString() });
    expect((await board()).tickets.map((t) => t.customerName)).toEqual(["Ben", "Cy", "Ana"]);
    // Pressing it again does not reorder the prioritized tickets among themselves.
    await prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: c.orderId, priority: true });
    expect((await board()).tickets.map((t) => t.customerName)).toEqual(["Ben", "Cy", "Ana"]);
    expect(await prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: b.orderId, priority: false })).toEqual({ orderId: b.orderId, ticketNumber: b.ticketNumber, prioritizedAt: null });
    const data = await board();
    expect(data.tickets.map((t) => t.customerName)).toEqual(["Cy", "Ana", "Ben"]);

    const ana = data.tickets.find((t) => t.id === a.orderId)!;
    expect(ana).toMatchObject({ status: "QUEUED", source: "ONLINE", claimedBy: null, prioritizedAt: null, recalledAt: null, readyRequestedAt: null });
    expect(ana.items).toEqual([
      {
        name: "Caffè latte",
        quantity: 1,
        station: "Espresso bar",
        doneAt: null,
        note: null,
        options: [
          { name: "Small (8 oz)", group: "Size", nonDefault: false, flag: null },
          { name: "Oat milk", group: "Milk", nonDefault: true, flag: "Non-dairy" },
        ],
      },
    ]);
    expect(data).toMatchObject({ station: null, stations: ["Brew bar", "Espresso bar"], settings: { warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 300 } });
  });

  it("still shows items whose option snapshot predates groups, defaults and flags", async () => {
    const order = await queuedOrder("Old");
    await stack.prisma.orderItem.updateMany({ where: { orderId: order.orderId }, data: { options: ["Oat milk", { name: "Vanilla syrup", group: "Syrup" }] } });
    const [ticket] = (await board()).tickets;
    expect(ticket!.items[0]!.options).toEqual([
      { name: "Oat milk", group: null, nonDefault: false, flag: null },
      { name: "Vanilla syrup", group: "Syrup", nonDefault: false, flag: null },
    ]);
  });

  it("offers the latest bumps for recall: still on their way, or ready within the hour, newest first, at most 8", async () => {
    const orders = [];
    for (let i = 0; i < 10; i++) orders.push(await queuedOrder(`Guest ${i}`));
    // Ready 2 hours ago: too old to recall.
    await stack.prisma.order.update({ where: { id: orders[0]!.orderId }, data: { status: "READY", readyRequestedAt: ago(7300), readyAt: ago(7200) } });
    for (let i = 1; i < 9; i++) {
      await stack.prisma.order.update({ where: { id: orders[i]!.orderId }, data: { status: "READY", readyRequestedAt: ago(600 - i * 10), readyAt: ago(590 - i * 10) } });
    }
    const bumped = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: orders[9]!.orderId });
    const { recent, tickets } = await board();
    expect(recent).toHaveLength(8);
    expect(recent[0]).toEqual({ id: orders[9]!.orderId, ticketNumber: orders[9]!.ticketNumber, customerName: "Guest 9", readyAt: null, readyRequestedAt: bumped.readyRequestedAt, claimedBy: null });
    expect(recent.map((r) => r.customerName)).toEqual(["Guest 9", "Guest 8", "Guest 7", "Guest 6", "Guest 5", "Guest 4", "Guest 3", "Guest 2"]);
    // A bumped ticket stays on the board until the worker marks it READY.
    expect(tickets.map((t) => t.customerName)).toEqual(["Guest 9"]);
  });

  it("refuses to prioritize what is not on the board", async () => {
    const order = await queuedOrder("Done");
    await stack.prisma.order.update({ where: { id: order.orderId }, data: { status: "READY", readyAt: new Date() } });
    const error = await rejection(prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, priority: true }));
    expect(error).toMatchObject({ code: "CONFLICT", message: `Ticket #${order.ticketNumber} is already ready` });
    expect(await rejection(prioritizeOrder({ prisma: stack.prisma, actor: testBarista, orderId: crypto.randomUUID(), priority: true }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("station routing", () => {
  it("shows each station only its own items still to make, and bumps the order when the last station is done", async () => {
    const both = await queuedOrder("Both", [latte, filter]);
    const espressoOnly = await queuedOrder("Espresso only", [latte]);
    expect((await board("Brew bar")).tickets.map((t) => [t.customerName, t.items.map((i) => i.name)])).toEqual([["Both", ["Filter coffee"]]]);
    expect((await board("Espresso bar")).tickets.map((t) => [t.customerName, t.items.map((i) => i.name)])).toEqual([
      ["Both", ["Caffè latte"]],
      ["Espresso only", ["Caffè latte"]],
    ]);
    expect(await rejection(board("Juice bar"))).toMatchObject({ code: "NOT_FOUND", message: 'No station called "Juice bar"' });

    const changes = await listenOrderChanges(stack.pg.url);
    try {
      const brew = await markStationDone({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: both.orderId, station: "Brew bar" });
      expect(brew).toEqual({ orderId: both.orderId, station: "Brew bar", allDone: false, bumped: false });
      // The item update touched the order, so every open board re-reads.
      await waitFor(async () => changes.changes.some((c) => c.id === both.orderId), { what: "order_changed for the station's update" });
    } finally {
      await changes.close();
    }
    expect((await board("Brew bar")).tickets).toEqual([]);
    const items = (await board()).tickets.find((t) => t.id === both.orderId)!.items;
    expect(items.map((i) => [i.name, i.doneAt !== null])).toEqual([["Caffè latte", false], ["Filter coffee", true]]);
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: both.orderId } })).readyRequestedAt).toBeNull();

    const espresso = await markStationDone({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: both.orderId, station: "Espresso bar" });
    expect(espresso).toEqual({ orderId: both.orderId, station: "Espresso bar", allDone: true, bumped: true });
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: both.orderId } })).readyRequestedAt).not.toBeNull();
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: both.orderId, type: "order.ready_requested" } })).toBe(1);
    expect((await board("Espresso bar")).tickets.map((t) => t.customerName)).toEqual(["Espresso only"]);

    // Done again: nothing new, not bumped twice.
    expect(await markStationDone({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: both.orderId, station: "Espresso bar" })).toEqual({
      orderId: both.orderId,
      station: "Espresso bar",
      allDone: true,
      bumped: false,
    });
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: both.orderId, type: "order.ready_requested" } })).toBe(1);
    const nothing = await rejection(markStationDone({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: espressoOnly.orderId, station: "Brew bar" }));
    expect(nothing).toMatchObject({ code: "NOT_FOUND", message: `Ticket #${espressoOnly.ticketNumber} has nothing to make at Brew bar` });
  });

  it("bumps exactly once when the last two stations finish at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const order = await queuedOrder(`Race ${round}`, [latte, filter]);
      const results = await Promise.all(
        ["Espresso bar", "Brew bar"].map((station) => markStationDone({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId, station })),
      );
      expect(results.some((r) => r.allDone)).toBe(true);
      expect(results.filter((r) => r.bumped)).toHaveLength(1);
      expect(await stack.prisma.outboxMessage.count({ where: { orderId: order.orderId, type: "order.ready_requested" } })).toBe(1);
    }
  });
});

describe("getOrderBoard", () => {
  it("shows first names of what is being made in queue order and what became ready recently, newest first", async () => {
    const first = await queuedOrder("Ada Lovelace", [latte], ago(120));
    const second = await queuedOrder("Maximilianusmagnus Jones", [latte], ago(60));
    await stack.prisma.order.update({ where: { id: second.orderId }, data: { status: "IN_PROGRESS", startedAt: new Date() } });
    const older = await queuedOrder("Grace Hopper");
    const newer = await queuedOrder("Zoë 🙂");
    const expired = await queuedOrder("Old News");
    await stack.prisma.order.update({ where: { id: older.orderId }, data: { status: "READY", readyAt: ago(200) } });
    await stack.prisma.order.update({ where: { id: newer.orderId }, data: { status: "READY", readyAt: ago(100) } });
    await stack.prisma.order.update({ where: { id: expired.orderId }, data: { status: "READY", readyAt: ago(400) } });

    const data = await getOrderBoard({ prisma: stack.prisma });
    expect(data.preparing).toEqual([
      { ticketNumber: first.ticketNumber, firstName: "Ada", status: "QUEUED", readyAt: null },
      { ticketNumber: second.ticketNumber, firstName: "Maximilianus", status: "IN_PROGRESS", readyAt: null },
    ]);
    expect(data.ready.map((e) => [e.ticketNumber, e.firstName, e.status])).toEqual([
      [newer.ticketNumber, "Zoë", "READY"],
      [older.ticketNumber, "Grace", "READY"],
    ]);
    expect(data.readyForSeconds).toBe(300);
    expect(JSON.stringify(data)).not.toMatch(/Lovelace|Hopper|Jones/);

    // A shorter display time takes the older one off.
    await updateKdsSettings({ prisma: stack.prisma, patch: { boardReadySeconds: 150 } });
    const shorter = await getOrderBoard({ prisma: stack.prisma });
    expect(shorter.ready.map((e) => e.firstName)).toEqual(["Zoë"]);
    expect(shorter.readyForSeconds).toBe(150);
    await updateKdsSettings({ prisma: stack.prisma, patch: { boardReadySeconds: 300 } });
  });
});

describe("updateKdsSettings", () => {
  it("changes only the fields given and answers with all of them", async () => {
    expect(await updateKdsSettings({ prisma: stack.prisma, patch: { warnAfterSeconds: 120 } })).toEqual({ warnAfterSeconds: 120, lateAfterSeconds: 300, boardReadySeconds: 300 });
    expect(await updateKdsSettings({ prisma: stack.prisma, patch: { lateAfterSeconds: 600, boardReadySeconds: 90 } })).toEqual({ warnAfterSeconds: 120, lateAfterSeconds: 600, boardReadySeconds: 90 });
    expect((await board()).settings).toEqual({ warnAfterSeconds: 120, lateAfterSeconds: 600, boardReadySeconds: 90 });
    expect(await updateKdsSettings({ prisma: stack.prisma, patch: {} })).toEqual({ warnAfterSeconds: 120, lateAfterSeconds: 600, boardReadySeconds: 90 });
  });

  // Out-of-range values and fractions are refused by the routes' schema (app/api/admin/store/schema.test.ts).
  it("refuses a warning that comes after lateness, changing nothing", async () => {
    const before = (await board()).settings;
    const error = await rejection(updateKdsSettings({ prisma: stack.prisma, patch: { warnAfterSeconds: before.lateAfterSeconds } }));
    expect(error).toMatchObject({ code: "VALIDATION", message: WARN_BEFORE_LATE });
    await expect(updateKdsSettings({ prisma: stack.prisma, patch: { warnAfterSeconds: 400, lateAfterSeconds: 300 } })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await board()).settings).toEqual(before);
  });

  it("falls back to the defaults without a settings row, and recreates it", async () => {
    await stack.prisma.storeSettings.deleteMany();
    expect((await board()).settings).toEqual({ warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 300 });
    expect(await updateKdsSettings({ prisma: stack.prisma, patch: { boardReadySeconds: 60 } })).toEqual({ warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 60 });
    expect(await stack.prisma.storeSettings.count()).toBe(1);
  });
});
