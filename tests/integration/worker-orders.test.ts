import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createSmtpEmailSender } from "../../lib/notifications/email-sender.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { listenOrderChanges, placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The worker end to end against real Postgres, the SQS/SNS emulator and an SMTP sink.

let stack: TestStack;
let sink: MailSink;
let worker: Worker | undefined;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  sink = await startMailSink();
});
afterEach(async () => {
  await stopTestWorker(worker);
  worker = undefined;
});
afterAll(async () => {
  await sink?.close();
  await stack?.stop();
});

describe("barista worker", () => {
  it("queues a backlog of 20 orders placed while it was stopped, each once with its own ticket", async () => {
    const placed = await Promise.all(Array.from({ length: 20 }, (_, i) => placeTestOrder(stack, { customerName: `Guest ${i}` })));
    const ids = placed.map((o) => o.orderId);
    expect(await stack.prisma.order.count({ where: { id: { in: ids }, status: "PLACED" } })).toBe(20);

    const listener = await listenOrderChanges(stack.pg.url);
    try {
      worker = await startTestWorker(stack);
      await waitFor(async () => (await stack.prisma.order.count({ where: { id: { in: ids }, status: "QUEUED" } })) === 20, {
        what: "20 queued orders",
      });
      const orders = await stack.prisma.order.findMany({ where: { id: { in: ids } } });
      expect(orders).toHaveLength(20);
      expect(new Set(orders.map((o) => o.ticketNumber)).size).toBe(20);
      expect(orders.every((o) => o.queuedAt !== null)).toBe(true);
      expect(await stack.prisma.order.count()).toBe(20);
      const outbox = await stack.prisma.outboxMessage.findMany({ where: { orderId: { in: ids } } });
      expect(outbox).toHaveLength(20);
      expect(outbox.every((r) => r.processedAt !== null && r.sendCount === 1)).toBe(true);
      await waitFor(async () => worker!.health().processed >= 20, { what: "processed count" });
      expect(listener.changes.filter((c) => ids.includes(c.id) && c.status === "QUEUED")).toHaveLength(20);
    } finally {
      await listener.close();
    }
  });

  it("accepts an order while the queue server is down and queues it exactly once after it returns", async () => {
    await stack.stopQueueServer();
    let restarted = false;
    try {
      const order = await placeTestOrder(stack, { customerName: "Outage" });
      expect(order).toMatchObject({ status: "PLACED", created: true });
      const unsent = await stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: order.orderId } });
      expect(unsent.sentAt).toBeNull();
      expect(unsent.lastError).toBeTruthy();

      const listener = await listenOrderChanges(stack.pg.url);
      try {
        worker = await startTestWorker(stack, { config: { OUTBOX_RESEND_AFTER_SECONDS: 1 } });
        await waitFor(async () => worker!.health().status === "queue-unreachable", { what: "worker to notice the outage" });
        // Past the resend delay the reconciler tries, and fails, while the queue is down.
        await sleep(1500);
        expect(await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: unsent.id } })).toMatchObject({ sentAt: null, sendCount: 0 });
        expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PLACED");

        await stack.startQueueServer();
        restarted = true;
        const queued = await waitFor(
          async () => {
            const o = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
            return o.status === "QUEUED" && o;
          },
          { timeoutMs: 20_000, what: "order queued after the outage" },
        );
        await waitFor(async () => worker!.health().status === "ok", { what: "worker healthy again" });
        // Give a second resend the chance to happen, then prove it did not.
        await sleep(1500);
        const row = await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: unsent.id } });
        expect(row).toMatchObject({ sendCount: 1, lastError: null });
        expect(row.processedAt).not.toBeNull();
        const again = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
        expect(again.queuedAt).toEqual(queued.queuedAt);
        expect(listener.changes.filter((c) => c.id === order.orderId && c.status === "QUEUED")).toHaveLength(1);
      } finally {
        await listener.close();
      }
    } finally {
      if (!restarted) await stack.startQueueServer();
    }
  });

  it("takes an order from placed to ready and tells the customer by SMS and email", async () => {
    const emailSender = createSmtpEmailSender({ smtpUrl: sink.smtpUrl, from: stack.config.MAIL_FROM });
    try {
      worker = await startTestWorker(stack, { emailSender });
      const order = await placeTestOrder(stack, { customerName: "Grace", phone: "+44 7911 123456", email: "grace@example.com" });
      await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "QUEUED", {
        what: "order queued",
      });

      // What the KDS does when a barista starts the ticket and bumps it.
      await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: order.orderId, barista: "Sam" });
      const request = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });
      expect(request).toMatchObject({ created: true, sent: true });

      const ready = await waitFor(
        async () => {
          const o = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
          return o.status === "READY" && o;
        },
        { what: "order ready" },
      );
      expect(ready.readyAt).not.toBeNull();

      const text = `Grace, your ${stack.config.STORE_NAME} order #${order.ticketNumber} is ready for pickup.`;
      const sms = await waitFor(async () => {
        const rows = await stack.prisma.devSmsMessage.findMany({ where: { to: "+447911123456" } });
        return rows.length > 0 && rows;
      }, { what: "SMS" });
      expect(sms.map((s) => s.body)).toEqual([text]);

      const emails = await waitFor(async () => {
        const all = (await sink.emails()).filter((e) => e.to.includes("grace@example.com"));
        return all.length > 0 && all;
      }, { what: "email" });
      expect(emails).toHaveLength(1);
      expect(emails[0]!.subject).toContain(`#${order.ticketNumber}`);
      expect(emails[0]!.text).toContain(text);
      expect(emails[0]!.html).toContain("Your coffee is ready");

      const notifications = await waitFor(async () => {
        const rows = await stack.prisma.notification.findMany({ where: { orderId: order.orderId }, orderBy: { channel: "asc" } });
        return rows.length === 2 && rows.every((n) => n.status === "SENT") && rows;
      }, { what: "notifications SENT" });
      expect(notifications.map((n) => [n.channel, n.attempts])).toEqual([["SMS", 1], ["EMAIL", 1]]);
      expect(notifications.every((n) => n.providerId && n.sentAt)).toBe(true);

      const outbox = await stack.prisma.outboxMessage.findMany({ where: { orderId: order.orderId }, orderBy: { createdAt: "asc" } });
      expect(outbox.map((r) => [r.destination, r.type])).toEqual([
        ["ORDERS_QUEUE", "order.placed"],
        ["ORDERS_QUEUE", "order.ready_requested"],
        ["EVENTS_TOPIC", "order.ready"],
      ]);
      await waitFor(async () =>
        (await stack.prisma.outboxMessage.count({ where: { orderId: order.orderId, processedAt: null } })) === 0,
      { what: "all outbox rows processed" });

      const beat = await waitFor(() => stack.prisma.workerHeartbeat.findUnique({ where: { workerId: worker!.workerId } }), { what: "heartbeat" });
      expect(beat.stoppedAt).toBeNull();
      await worker.stop();
      const stopped = await stack.prisma.workerHeartbeat.findUniqueOrThrow({ where: { workerId: worker.workerId } });
      expect(stopped.stoppedAt).not.toBeNull();
      expect(stopped.processed).toBeGreaterThanOrEqual(3);
    } finally {
      emailSender.close();
    }
  });
});
