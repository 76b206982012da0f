import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import { orderReadyRequestedSchema } from "../../lib/messages/order-ready-requested.ts";
import { placeQueuedOrder, placeTestOrder } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { testBarista } from "../support/kitchen-actor.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

/**
 * Drains the orders queue and returns the ready requests on it. Messages are deleted as
 * they are read: in a FIFO queue an in-flight message holds back the rest of its group.
 */
async function readyRequestsOnQueue() {
  const bodies: unknown[] = [];
  for (;;) {
    const out = await stack.transport.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.config.ORDERS_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }),
    );
    if (!out.Messages?.length) break;
    for (const m of out.Messages) {
      bodies.push(JSON.parse(m.Body!));
      await stack.transport.sqs.send(new DeleteMessageCommand({ QueueUrl: stack.config.ORDERS_QUEUE_URL, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
  return bodies.filter((b) => (b as { type?: string }).type === "order.ready_requested");
}

const readyRows = (orderId: string) => stack.prisma.outboxMessage.findMany({ where: { orderId, type: "order.ready_requested" } });

describe("requestReady", () => {
  it("records the request and an outbox row in one go, then puts the message on the orders queue", async () => {
    const order = await placeQueuedOrder(stack);
    await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista: "Sam" });
    const result = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });
    expect(result).toMatchObject({ orderId: order.orderId, ticketNumber: order.ticketNumber, created: true, sent: true });

    const row = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
    // The worker completes the order; the web only asks.
    expect(row.status).toBe("IN_PROGRESS");
    expect(row.readyRequestedAt?.toISOString()).toBe(result.readyRequestedAt);

    const rows = await readyRows(order.orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ destination: "ORDERS_QUEUE", sendCount: 1 });
    expect(rows[0]!.sentAt).not.toBeNull();
    const body = orderReadyRequestedSchema.parse(rows[0]!.body);
    expect(body).toMatchObject({ outboxId: rows[0]!.id, orderId: order.orderId });

    const onQueue = await readyRequestsOnQueue();
    expect(onQueue).toEqual([body]);
  });

  it("is idempotent: repeated and simultaneous clicks write one outbox row and send one message", async () => {
    const order = await placeQueuedOrder(stack);
    await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista: "Sam" });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.readyRequestedAt)).size).toBe(1);
    const again = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });
    expect(again).toMatchObject({ created: false, sent: false });

    expect(await readyRows(order.orderId)).toHaveLength(1);
    const onQueue = await readyRequestsOnQueue();
    expect(onQueue.filter((b) => (b as { orderId: string }).orderId === order.orderId)).toHaveLength(1);
  });

  it("answers every one of simultaneous clicks on a ticket that was never started, none with an error", async () => {
    for (let round = 0; round < 5; round++) {
      const order = await placeQueuedOrder(stack);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await readyRows(order.orderId)).toHaveLength(1);
    }
  });

  it("also works straight from QUEUED and once the worker has marked the order READY", async () => {
    const order = await placeQueuedOrder(stack);
    expect((await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId })).created).toBe(true);
    await stack.prisma.order.update({ where: { id: order.orderId }, data: { status: "READY", readyAt: new Date() } });
    expect((await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId })).created).toBe(false);
    expect(await readyRows(order.orderId)).toHaveLength(1);
    await readyRequestsOnQueue();
  });

  it("keeps the request when the queue is down; the outbox row waits for the reconciler", async () => {
    const order = await placeQueuedOrder(stack);
    await stack.stopQueueServer();
    try {
      const result = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });
      expect(result).toMatchObject({ created: true, sent: false });
      const [row] = await readyRows(order.orderId);
      expect(row!.sentAt).toBeNull();
      expect(row!.lastError).toBeTruthy();
    } finally {
      await stack.startQueueServer();
    }
  });

  it("refuses orders that were never queued, cancelled ones, and unknown ids", async () => {
    const placed = await placeTestOrder(stack);
    const error = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as AppError);
    expect(await error(requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId }))).toMatchObject({ code: "CONFLICT" });

    const cancelled = await placeQueuedOrder(stack);
    await stack.prisma.order.update({ where: { id: cancelled.orderId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const e = await error(requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: cancelled.orderId }));
    expect(e).toMatchObject({ code: "CONFLICT", message: `Ticket #${cancelled.ticketNumber} was cancelled` });

    expect(await error(requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: crypto.randomUUID() }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await readyRows(placed.orderId)).toHaveLength(0);
    expect(await readyRows(cancelled.orderId)).toHaveLength(0);
  });
});
