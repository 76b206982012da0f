import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDERS_MAX_RECEIVES } from "../../lib/queue/provision.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createOrdersMessageHandler } from "../../worker/handle-orders-message.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// A message the worker can never handle must not block other orders or crash the
// worker: it is retried up to the queue's maxReceiveCount and then sits in the DLQ.

let stack: TestStack;
let worker: Worker | undefined;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await stack?.stop();
});

const sendRaw = (body: string, group: string) =>
  stack.transport.sqs.send(
    new SendMessageCommand({ QueueUrl: stack.config.ORDERS_QUEUE_URL, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: crypto.randomUUID() }),
  );

describe("poison messages", () => {
  it("dead-letters malformed bodies after the redrive count while a valid order behind them is queued", async () => {
    const notJson = "{this is not json";
    const wrongShape = JSON.stringify({ type: "order.placed", orderId: "not-a-uuid" });
    await sendRaw(notJson, "poison-a");
    await sendRaw(wrongShape, "poison-b");
    const order = await placeTestOrder(stack, { customerName: "Behind" });

    worker = await startTestWorker(stack);
    await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "QUEUED", {
      what: "valid order queued",
    });

    const dead: string[] = [];
    await waitFor(
      async () => {
        const out = await stack.transport.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: stack.config.ORDERS_DLQ_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        dead.push(...(out.Messages ?? []).map((m) => m.Body!));
        return dead.length >= 2;
      },
      { what: "both poison messages in the DLQ" },
    );
    expect(dead.sort()).toEqual([notJson, wrongShape].sort());
    // Each was handed to the worker maxReceiveCount times before SQS gave up on it.
    expect(worker.health()).toMatchObject({ status: "ok", failed: 2 * ORDERS_MAX_RECEIVES });
    expect(worker.health().processed).toBeGreaterThanOrEqual(1);
  });

  it("rejects an order.placed for an order that does not exist, so it is retried and dead-lettered", async () => {
    const handle = createOrdersMessageHandler({ ...stack, payments: { online: null } });
    const body = {
      type: "order.placed",
      outboxId: crypto.randomUUID(),
      orderId: crypto.randomUUID(),
      ticketNumber: 1,
      customerName: "Ghost",
      items: [],
      placedAt: new Date().toISOString(),
    };
    await expect(handle({ messageId: "m", body: JSON.stringify(body), receiptHandle: "r", receiveCount: 1 })).rejects.toMatchObject({
      name: "AppError",
      code: "NOT_FOUND",
    });
  });
});
