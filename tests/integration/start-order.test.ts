import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { listTickets } from "../../lib/kds/list-tickets.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { startOrder } from "../../lib/orders/start-order.ts";
import { placeQueuedOrder, placeTestOrder } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("startOrder", () => {
  it("moves a queued order to IN_PROGRESS and stamps startedAt", async () => {
    const order = await placeQueuedOrder(stack);
    const started = await startOrder({ prisma: stack.prisma, orderId: order.orderId });
    expect(started).toMatchObject({ orderId: order.orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS" });
    const row = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(row.status).toBe("IN_PROGRESS");
    expect(row.startedAt).not.toBeNull();
  });

  it("lets exactly one of two simultaneous starts win; the other gets a 409 saying why", async () => {
    const order = await placeQueuedOrder(stack);
    const results = await Promise.allSettled([
      startOrder({ prisma: stack.prisma, orderId: order.orderId }),
      startOrder({ prisma: stack.prisma, orderId: order.orderId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).status).toBe(409);
    expect((failed.reason as AppError).message).toBe(`Ticket #${order.ticketNumber} was already started`);
  });

  it("refuses orders that are not queued, and unknown ids", async () => {
    const placed = await placeTestOrder(stack);
    const notQueued = await rejection(startOrder({ prisma: stack.prisma, orderId: placed.orderId }));
    expect(notQueued.code).toBe("CONFLICT");
    expect(notQueued.message).toMatch(/not in the kitchen queue yet/);

    const missing = await rejection(startOrder({ prisma: stack.prisma, orderId: crypto.randomUUID() }));
    expect(missing.code).toBe("NOT_FOUND");
    const garbage = await rejection(startOrder({ prisma: stack.prisma, orderId: "not-a-uuid" }));
    expect(garbage.code).toBe("NOT_FOUND");
  });
});

describe("listTickets", () => {
  it("shows queued and in-progress orders in queue order with their items", async () => {
    await stack.prisma.order.updateMany({ where: { status: { in: ["QUEUED", "IN_PROGRESS"] } }, data: { status: "READY", readyAt: new Date() } });
    const first = await placeTestOrder({ ...stack, customerName: "First" });
    const second = await placeTestOrder({ ...stack, customerName: "Second" });
    const notYet = await placeTestOrder({ ...stack, customerName: "Still placed" });
    // Queued in the opposite order to their ticket numbers: the queue time decides.
    await stack.prisma.order.update({ where: { id: second.orderId }, data: { status: "QUEUED", queuedAt: new Date(Date.now() - 60_000) } });
    await stack.prisma.order.update({ where: { id: first.orderId }, data: { status: "IN_PROGRESS", queuedAt: new Date(), startedAt: new Date() } });

    const board = await listTickets({ prisma: stack.prisma });
    expect(board.map((t) => t.customerName)).toEqual(["Second", "First"]);
    expect(board.some((t) => t.id === notYet.orderId)).toBe(false);
    expect(board[0]!.items).toEqual([{ name: "Caffè latte", quantity: 1, options: ["Small (8 oz)", "Oat milk"], note: "extra hot" }]);
    expect(board[1]!.status).toBe("IN_PROGRESS");
  });
});
