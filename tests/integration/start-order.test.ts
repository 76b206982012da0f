import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import { placeQueuedOrder, placeTestOrder } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { testBarista } from "../support/kitchen-actor.ts";

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
  it("moves a queued order to IN_PROGRESS, stamps startedAt and records who claimed it", async () => {
    const order = await placeQueuedOrder(stack);
    const started = await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista: "Sam" });
    expect(started).toEqual({ orderId: order.orderId, ticketNumber: order.ticketNumber, status: "IN_PROGRESS", startedAt: expect.any(String), claimedBy: "Sam" });
    const row = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", claimedBy: "Sam" });
    // The staff action's audit line committed with the start, beside the trigger's status line.
    const audit = await stack.prisma.auditLog.findMany({ where: { orderId: order.orderId, action: { in: ["order.start", "order.status"] } }, orderBy: { at: "asc" } });
    expect(audit.filter((a) => a.action === "order.start")).toEqual([expect.objectContaining({ actorId: testBarista.id, actorName: "Sam", summary: `Started #${order.ticketNumber}` })]);
    expect(audit.filter((a) => a.summary === "QUEUED → IN_PROGRESS")).toHaveLength(1);
    expect(row.startedAt?.toISOString()).toBe(started.startedAt);
  });

  it("lets exactly one of two baristas claiming at once win; the other gets a 409 naming the winner", async () => {
    for (let round = 0; round < 5; round++) {
      const order = await placeQueuedOrder(stack);
      const results = await Promise.allSettled(
        ["Sam", "Kai"].map((barista) => startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista })),
      );
      const won = results.filter((r) => r.status === "fulfilled").map((r) => r.value.claimedBy);
      expect(won).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(AppError);
      expect((failed.reason as AppError).status).toBe(409);
      expect((failed.reason as AppError).message).toBe(`Ticket #${order.ticketNumber} was already started by ${won[0]}`);
      expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).claimedBy).toBe(won[0]);
    }
  });

  it("says a ticket started before claims were recorded was already started, without a name", async () => {
    const order = await placeQueuedOrder(stack);
    await stack.prisma.order.update({ where: { id: order.orderId }, data: { status: "IN_PROGRESS", startedAt: new Date() } });
    const error = await rejection(startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista: "Kai" }));
    expect(error.message).toBe(`Ticket #${order.ticketNumber} was already started`);
  });

  it("refuses orders that are not queued, and unknown ids", async () => {
    const placed = await placeTestOrder(stack);
    const notQueued = await rejection(startOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId, barista: "Sam" }));
    expect(notQueued.code).toBe("CONFLICT");
    expect(notQueued.message).toMatch(/not in the kitchen queue yet/);

    expect(await stack.prisma.auditLog.count({ where: { orderId: placed.orderId, action: "order.start" } })).toBe(0);
    const missing = await rejection(startOrder({ prisma: stack.prisma, actor: testBarista, orderId: crypto.randomUUID(), barista: "Sam" }));
    expect(missing.code).toBe("NOT_FOUND");
  });
});
