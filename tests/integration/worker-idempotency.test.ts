import { PublishCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createSmtpEmailSender, type EmailSender } from "../../lib/notifications/email-sender.ts";
import { createDevSmsInboxSender } from "../../lib/notifications/sms-sender.ts";
import type { ReceivedMessage } from "../../lib/queue/consumer.ts";
import type { OrderPlacedMessage } from "../../lib/messages/order-placed.ts";
import type { OrderReadyEvent } from "../../lib/messages/order-ready.ts";
import { createNotificationMessageHandler } from "../../worker/handle-notification-message.ts";
import { createOrdersMessageHandler } from "../../worker/handle-orders-message.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { listenOrderChanges, placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// At-least-once delivery must not mean twice the effect: duplicate messages, and the
// same message handled by two workers at the same moment, change an order once and
// text / email the customer once.

let stack: TestStack;
let sink: MailSink;
let emailSender: EmailSender;
let workers: Worker[] = [];
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  sink = await startMailSink();
  emailSender = createSmtpEmailSender({ smtpUrl: sink.smtpUrl, from: stack.config.MAIL_FROM });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => stopTestWorker(w)));
  emailSender?.close();
  await sink?.close();
  await stack?.stop();
});

const asMessage = (body: unknown, id: string): ReceivedMessage => ({ messageId: id, body: JSON.stringify(body), receiptHandle: id, receiveCount: 1 });

async function queueIsEmpty(queueUrl: string) {
  const out = await stack.transport.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return out.Attributes?.ApproximateNumberOfMessages === "0" && out.Attributes?.ApproximateNumberOfMessagesNotVisible === "0";
}

describe("duplicate deliveries", () => {
  it("queues an order once when order.placed arrives three times and is handled concurrently", async () => {
    const listener = await listenOrderChanges(stack.pg.url);
    try {
      const order = await placeTestOrder(stack, { customerName: "Dup" });
      const row = await stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: order.orderId } });
      const body = row.body as OrderPlacedMessage;
      // The same body again under new deduplication ids: SQS cannot drop these.
      for (const n of [1, 2]) {
        await stack.transport.sqs.send(
          new SendMessageCommand({
            QueueUrl: stack.config.ORDERS_QUEUE_URL,
            MessageBody: JSON.stringify(body),
            MessageGroupId: order.orderId,
            MessageDeduplicationId: `${row.id}:again:${n}`,
          }),
        );
      }
      // Two workers stand in for a redelivery racing the first attempt.
      const handlers = [createOrdersMessageHandler({ ...stack, payments: { online: null } }), createOrdersMessageHandler({ ...stack, payments: { online: null } })];
      const direct = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => handlers[i % 2]!(asMessage(body, `direct-${i}`))));
      expect(direct.every((r) => r.status === "fulfilled")).toBe(true);

      workers = [await startTestWorker(stack), await startTestWorker(stack)];
      await waitFor(() => queueIsEmpty(stack.config.ORDERS_QUEUE_URL), { what: "orders queue drained" });
      await waitFor(async () => workers.reduce((n, w) => n + w.health().processed, 0) >= 3, { what: "three deliveries handled" });
      await sleep(300);

      const orders = await stack.prisma.order.findMany({ where: { customerName: "Dup" } });
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ status: "QUEUED", ticketNumber: order.ticketNumber });
      expect(listener.changes.filter((c) => c.id === order.orderId && c.status === "QUEUED")).toHaveLength(1);
      expect(listener.changes.filter((c) => c.id === order.orderId)).toHaveLength(2); // insert + the one update
    } finally {
      await listener.close();
      await Promise.all(workers.map((w) => stopTestWorker(w)));
      workers = [];
    }
  });

  it("notifies once per channel when order.ready is delivered twice, to two workers, and handled concurrently", async () => {
    const phone = "+447911123999";
    const email = "twice@example.com";
    const order = await placeTestOrder(stack, { customerName: "Twice", phone, email });
    const event: OrderReadyEvent = {
      type: "order.ready",
      outboxId: crypto.randomUUID(),
      orderId: order.orderId,
      ticketNumber: order.ticketNumber,
      customerName: "Twice",
      readyAt: new Date().toISOString(),
    };
    await stack.prisma.outboxMessage.create({
      data: { id: event.outboxId, orderId: order.orderId, destination: "EVENTS_TOPIC", type: event.type, body: event, sentAt: new Date(), sendCount: 1 },
    });

    workers = [await startTestWorker(stack, { emailSender }), await startTestWorker(stack, { emailSender })];
    try {
      const publish = () =>
        stack.transport.sns.send(
          new PublishCommand({
            TopicArn: stack.config.ORDER_EVENTS_TOPIC_ARN,
            Message: JSON.stringify(event),
            MessageAttributes: { eventType: { DataType: "String", StringValue: "order.ready" } },
          }),
        );
      const deps = { prisma: stack.prisma, smsSender: createDevSmsInboxSender(stack), emailSender, storeName: stack.config.STORE_NAME };
      const handlers = [createNotificationMessageHandler(deps), createNotificationMessageHandler(deps)];
      const [, , ...direct] = await Promise.allSettled([
        publish(),
        publish(),
        ...Array.from({ length: 4 }, (_, i) => handlers[i % 2]!(asMessage(event, `n-${i}`))),
      ]);
      // Whoever lost the claim race was told to come back later; nobody sent twice.
      for (const r of direct) if (r.status === "rejected") expect(String(r.reason)).toMatch(/being sent by another worker/);

      const sent = await waitFor(async () => {
        const rows = await stack.prisma.notification.findMany({ where: { orderId: order.orderId }, orderBy: { channel: "asc" } });
        return rows.length === 2 && rows.every((n) => n.status === "SENT") && rows;
      }, { what: "both notifications SENT" });
      await waitFor(() => queueIsEmpty(stack.config.NOTIFICATIONS_QUEUE_URL), { what: "notifications queue drained" });
      await sleep(500);

      expect(sent.map((n) => [n.channel, n.attempts])).toEqual([["SMS", 1], ["EMAIL", 1]]);
      expect(await stack.prisma.devSmsMessage.count({ where: { to: phone } })).toBe(1);
      expect((await sink.emails()).filter((e) => e.to.includes(email))).toHaveLength(1);
      expect(await stack.prisma.notification.count({ where: { orderId: order.orderId } })).toBe(2);
      expect((await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: event.outboxId } })).processedAt).not.toBeNull();
    } finally {
      await Promise.all(workers.map((w) => stopTestWorker(w)));
      workers = [];
    }
  });

  it("after an email failure retries only the email, never the SMS that was already sent", async () => {
    const order = await placeTestOrder(stack, { customerName: "Flaky", phone: "+447911123777", email: "flaky@example.com" });
    const event: OrderReadyEvent = {
      type: "order.ready",
      outboxId: crypto.randomUUID(),
      orderId: order.orderId,
      ticketNumber: order.ticketNumber,
      customerName: "Flaky",
      readyAt: new Date().toISOString(),
    };
    let failures = 1;
    const flakyEmail: EmailSender = {
      send: async (mail) => {
        if (failures-- > 0) throw new Error("SMTP 451 try again later");
        return emailSender.send(mail);
      },
      close: () => {},
    };
    const handle = createNotificationMessageHandler({ prisma: stack.prisma, smsSender: createDevSmsInboxSender(stack), emailSender: flakyEmail, storeName: "Brewline" });
    await expect(handle(asMessage(event, "flaky-1"))).rejects.toThrow(/EMAIL: SMTP 451/);
    const afterFailure = await stack.prisma.notification.findMany({ where: { orderId: order.orderId }, orderBy: { channel: "asc" } });
    expect(afterFailure.map((n) => [n.channel, n.status, n.attempts])).toEqual([["SMS", "SENT", 1], ["EMAIL", "PENDING", 1]]);
    expect(afterFailure[1]!.lastError).toContain("451");

    await handle(asMessage(event, "flaky-2"));
    const done = await stack.prisma.notification.findMany({ where: { orderId: order.orderId }, orderBy: { channel: "asc" } });
    expect(done.map((n) => [n.channel, n.status, n.attempts])).toEqual([["SMS", "SENT", 1], ["EMAIL", "SENT", 2]]);
    expect(await stack.prisma.devSmsMessage.count({ where: { to: "+447911123777" } })).toBe(1);
    expect((await sink.emails()).filter((e) => e.to.includes("flaky@example.com"))).toHaveLength(1);
  });
});
