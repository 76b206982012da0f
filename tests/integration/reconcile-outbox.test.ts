import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { MAX_OUTBOX_SENDS, reconcileOutbox } from "../../lib/outbox/reconcile-outbox.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder } from "../support/worker-harness.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
const reconcile = () => reconcileOutbox({ prisma: stack.prisma, transport: stack.transport, resendAfterSeconds: 5, redeliverAfterSeconds: 120 });

async function outboxRow(data: { sentAt?: Date | null; createdAt?: Date; processedAt?: Date | null; sendCount?: number; destination?: "ORDERS_QUEUE" | "EVENTS_TOPIC" }) {
  const order = await placeTestOrder(stack);
  const id = crypto.randomUUID();
  const type = data.destination === "EVENTS_TOPIC" ? "order.ready" : "order.placed";
  return stack.prisma.outboxMessage.create({
    data: { id, orderId: order.orderId, destination: "ORDERS_QUEUE", type, body: { type, outboxId: id, orderId: order.orderId }, ...data },
  });
}

describe("reconcileOutbox", () => {
  it("sends only due rows, and each exactly once when two workers reconcile at the same moment", async () => {
    // placeTestOrder already sent its own rows; mark them processed so only ours are due.
    const neverSent = await Promise.all(Array.from({ length: 6 }, () => outboxRow({ sentAt: null, createdAt: ago(30) })));
    const lost = await outboxRow({ sentAt: ago(600), createdAt: ago(600), sendCount: 1 });
    const fresh = await outboxRow({ sentAt: null, createdAt: new Date() });
    const recentlySent = await outboxRow({ sentAt: ago(10), createdAt: ago(10), sendCount: 1 });
    const processed = await outboxRow({ sentAt: ago(600), createdAt: ago(600), sendCount: 1, processedAt: ago(500) });
    await stack.prisma.outboxMessage.updateMany({ where: { type: "order.placed", id: { notIn: [...neverSent, lost, fresh, recentlySent, processed].map((r) => r.id) } }, data: { processedAt: new Date() } });

    const [a, b] = await Promise.all([reconcile(), reconcile()]);
    expect(a.sent + b.sent).toBe(7);
    expect(a.failed + b.failed).toBe(0);

    const rows = await stack.prisma.outboxMessage.findMany({ where: { id: { in: neverSent.map((r) => r.id) } } });
    expect(rows.map((r) => r.sendCount)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(rows.every((r) => r.sentAt !== null && r.lastError === null)).toBe(true);
    expect((await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: lost.id } })).sendCount).toBe(2);
    for (const untouched of [fresh, recentlySent, processed]) {
      expect(await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: untouched.id } })).toMatchObject({ sendCount: untouched.sendCount, sentAt: untouched.sentAt });
    }
    expect(await reconcile()).toMatchObject({ due: 0, sent: 0 });
  });

  it("publishes an EVENTS_TOPIC row to SNS, which delivers it to the notifications queue", async () => {
    const row = await outboxRow({ sentAt: null, createdAt: ago(30), destination: "EVENTS_TOPIC" });
    expect(await reconcile()).toMatchObject({ sent: 1 });
    const out = await stack.transport.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.config.NOTIFICATIONS_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
    );
    expect((out.Messages ?? []).map((m) => JSON.parse(m.Body!).outboxId)).toContain(row.id);
  });

  it(`abandons a row after ${MAX_OUTBOX_SENDS} sends instead of sending it forever`, async () => {
    const row = await outboxRow({ sentAt: ago(600), createdAt: ago(3600), sendCount: MAX_OUTBOX_SENDS });
    expect(await reconcile()).toMatchObject({ abandoned: 1, sent: 0 });
    const after = await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.abandonedAt).not.toBeNull();
    expect(after.sendCount).toBe(MAX_OUTBOX_SENDS);
    expect(after.lastError).toContain("abandoned");
    expect(await reconcile()).toMatchObject({ due: 0 });
  });

  it("records the error and stops the pass when the queue is unreachable", async () => {
    const rows = await Promise.all([outboxRow({ sentAt: null, createdAt: ago(30) }), outboxRow({ sentAt: null, createdAt: ago(30) })]);
    await stack.prisma.outboxMessage.updateMany({ where: { id: { notIn: rows.map((r) => r.id) }, processedAt: null }, data: { processedAt: new Date() } });
    await stack.stopQueueServer();
    try {
      expect(await reconcile()).toMatchObject({ due: 2, sent: 0, failed: 1 });
      const after = await stack.prisma.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { createdAt: "asc" } });
      expect(after.every((r) => r.sentAt === null && r.sendCount === 0)).toBe(true);
      expect(after.filter((r) => r.lastError !== null)).toHaveLength(1);
    } finally {
      await stack.startQueueServer();
    }
    expect(await reconcile()).toMatchObject({ sent: 2 });
  });
});
