import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestRedrive } from "../../lib/dashboard/request-redrive.ts";
import { listDeadLetters } from "../../lib/dlq/list-dead-letters.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { getQueueDepth } from "../../lib/dashboard/queue-depth.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// A poison message end to end: an order.placed for an order that is not in the database
// (say, restored from a backup later) fails every time, SQS dead-letters it, the worker's
// monitor lists it with the handler's error; once the order exists a manager's redrive
// sends it back and it is handled.

let stack: TestStack;
let worker: Worker | undefined;
const manager = { id: "manager-1", name: "Morgan" };

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  worker = await startTestWorker(stack, { retryDelaySeconds: () => 0, deadLetters: { peekEveryMs: 300, checkEveryMs: 100 } });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await stack?.stop();
});

describe("dead-letter queue: listed with its reason, redriven after the fault is fixed", () => {
  it("goes from failure to DLQ to processed", async () => {
    const orderId = crypto.randomUUID();
    const body = {
      type: "order.placed",
      outboxId: crypto.randomUUID(),
      orderId,
      ticketNumber: 4242,
      customerName: "Ghost",
      items: [],
      placedAt: new Date().toISOString(),
    };
    const sent = await stack.transport.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.config.ORDERS_QUEUE_URL,
        MessageBody: JSON.stringify(body),
        MessageGroupId: orderId,
        MessageDeduplicationId: crypto.randomUUID(),
      }),
    );

    const [dead] = await waitFor(
      async () => {
        const rows = (await listDeadLetters({ prisma: stack.prisma })).filter((d) => d.messageId === sent.MessageId && d.error);
        return rows.length > 0 && rows;
      },
      { what: "the poison message listed as dead-lettered", timeoutMs: 30_000 },
    );
    expect(dead).toMatchObject({ queue: "orders", type: "order.placed", orderId, redrivenAt: null });
    expect(dead!.error).toMatch(/NOT_FOUND: order .* does not exist/);
    expect(dead!.receiveCount).toBeGreaterThanOrEqual(5);

    // Fix the fault: the order now exists.
    await stack.prisma.order.create({
      data: {
        id: orderId,
        publicToken: `ghost-${orderId}`,
        idempotencyKey: `ghost-${orderId}`,
        businessDate: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`),
        ticketNumber: 4242,
        customerName: "Ghost",
        totalCents: 450,
      },
    });
    const { requested } = await requestRedrive({ prisma: stack.prisma, actor: manager, messageIds: [sent.MessageId!] });
    expect(requested).toEqual([{ messageId: sent.MessageId, queue: "orders" }]);
    // A second click finds nothing left to ask for.
    await expect(requestRedrive({ prisma: stack.prisma, actor: manager, messageIds: [sent.MessageId!] })).rejects.toMatchObject({ code: "CONFLICT" });

    await waitFor(async () => (await stack.prisma.order.findUnique({ where: { id: orderId } }))?.status === "QUEUED", {
      what: "the redriven order.placed handled",
    });
    // The monitor records the redrive after sending and deleting, so the worker may have
    // queued the order a moment before the row says so.
    const row = await waitFor(
      async () => {
        const r = await stack.prisma.deadLetterMessage.findUniqueOrThrow({ where: { messageId: sent.MessageId! } });
        return r.redrivenAt !== null && r;
      },
      { what: "the redrive recorded" },
    );
    expect(row.redriveRequestedBy).toBe("Morgan");
    const dlq = await getQueueDepth({ sqs: stack.transport.sqs, url: stack.config.ORDERS_DLQ_URL });
    expect(dlq).toMatchObject({ status: "ok", visible: 0, inFlight: 0 });
    const audit = await stack.prisma.auditLog.findMany({ where: { action: "dlq.redrive" } });
    expect(audit).toEqual([expect.objectContaining({ actorName: "Morgan", summary: "Redrive 1 dead-lettered message (orders)" })]);
    // The trigger recorded the status change the redrive caused.
    expect(await stack.prisma.auditLog.count({ where: { orderId, action: "order.status", summary: "PLACED → QUEUED" } })).toBe(1);
  });
});
