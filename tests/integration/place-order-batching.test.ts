import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { orderPlacedSchema } from "../../lib/messages/order-placed.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// Concurrent orders share one insert statement (lib/orders/insert-orders.ts); these
// check that each still gets its own ticket, items and outbox row, and that retries
// neither create a second order nor burn a ticket number.

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

const input = (key: string, name = "Ada") =>
  placeOrderInputSchema.parse({
    idempotencyKey: key,
    customerName: name,
    items: [
      { menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] },
      { menuItemId: "latte", quantity: 2, modifierIds: [], note: `for ${name}` },
    ],
  });
const place = (key: string, name?: string) =>
  placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: input(key, name) });

describe("placeOrder under concurrency", () => {
  it("gives concurrent orders consecutive tickets, their own items and an outbox message with the ticket", async () => {
    const orders = await Promise.all(Array.from({ length: 12 }, (_, i) => place(`batch-key-${String(i).padStart(12, "0")}`, `Guest ${i}`)));
    expect(orders.every((o) => o.created)).toBe(true);
    const tickets = orders.map((o) => o.ticketNumber).sort((a, b) => a - b);
    expect(new Set(tickets).size).toBe(12);
    expect(tickets.at(-1)! - tickets[0]!).toBe(11);

    const rows = await stack.prisma.order.findMany({
      where: { id: { in: orders.map((o) => o.orderId) } },
      select: { id: true, ticketNumber: true, customerName: true, items: { orderBy: { position: "asc" } }, outbox: true },
    });
    for (const row of rows) {
      expect(row.items.map((i) => [i.position, i.quantity, i.note])).toEqual([
        [0, 1, null],
        [1, 2, `for ${row.customerName}`],
      ]);
      expect(row.outbox).toHaveLength(1);
      const body = orderPlacedSchema.parse(row.outbox[0]!.body);
      expect(body).toMatchObject({ orderId: row.id, ticketNumber: row.ticketNumber, customerName: row.customerName });
      expect(body.outboxId).toBe(row.outbox[0]!.id);
    }
  });

  it("answers a retry, alone or next to its original in one batch, with the first order and burns no ticket", async () => {
    const [first, twin] = await Promise.all([place("retry-key-000000000001"), place("retry-key-000000000001")]);
    expect([first!.created, twin!.created].sort()).toEqual([false, true]);
    expect(twin!.orderId).toBe(first!.orderId);
    const later = await place("retry-key-000000000001");
    expect(later).toMatchObject({ orderId: first!.orderId, ticketNumber: first!.ticketNumber, created: false });
    const next = await place("retry-key-000000000002");
    expect(next.ticketNumber).toBe(first!.ticketNumber + 1);
  });

  it("still answers a retry with the original order after the drink sold out", async () => {
    const original = await place("soldout-key-0000000001");
    await stack.prisma.menuItem.update({ where: { id: "latte" }, data: { available: false } });
    try {
      await expect(place("soldout-key-0000000001")).resolves.toMatchObject({ orderId: original.orderId, created: false });
      await expect(place("soldout-key-0000000002")).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await stack.prisma.menuItem.update({ where: { id: "latte" }, data: { available: true } });
    }
  });
});
