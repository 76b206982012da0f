import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOverview } from "../../lib/dashboard/get-overview.ts";
import { listDevSms } from "../../lib/dashboard/list-dev-sms.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { markQueued, placeTestOrder } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

const overview = () =>
  getOverview({
    prisma: stack.prisma,
    sqs: stack.transport.sqs,
    timeZone: "UTC",
    queues: [
      { label: "Orders queue", url: stack.config.ORDERS_QUEUE_URL },
      { label: "Orders DLQ", url: stack.config.ORDERS_DLQ_URL, isDeadLetter: true },
      { label: "Unset", url: undefined },
    ],
  });

describe("getOverview", () => {
  it("counts today's orders by status, reads queue depths, judges heartbeats and masks recipients", async () => {
    const a = await placeTestOrder({ ...stack, phone: "+447911123123" });
    const b = await placeTestOrder(stack);
    await markQueued(stack.prisma, b.orderId);
    // Yesterday's order does not count towards today.
    const old = await placeTestOrder(stack);
    await stack.prisma.order.update({ where: { id: old.orderId }, data: { businessDate: new Date("2020-01-01T00:00:00Z") } });

    const now = Date.now();
    await stack.prisma.workerHeartbeat.createMany({
      data: [
        { workerId: "alive", hostname: "h1", pid: 1, startedAt: new Date(now - 60_000), lastBeatAt: new Date(now - 2_000) },
        { workerId: "silent", hostname: "h2", pid: 2, startedAt: new Date(now - 60_000), lastBeatAt: new Date(now - 60_000) },
        { workerId: "stopped", hostname: "h3", pid: 3, startedAt: new Date(now - 60_000), lastBeatAt: new Date(now - 1_000), stoppedAt: new Date(now - 1_000) },
      ],
    });
    await stack.prisma.notification.create({
      data: { orderId: a.orderId, event: "order.ready", channel: "SMS", recipient: "+447911123123", status: "FAILED", attempts: 3, lastError: "provider said no" },
    });

    const o = await overview();
    expect(o.counts).toMatchObject({ PLACED: 1, QUEUED: 1, IN_PROGRESS: 0, READY: 0, CANCELLED: 0 });
    expect(o.totalToday).toBe(2);
    expect(o.queues.map((q) => [q.label, q.depth.status])).toEqual([
      ["Orders queue", "ok"],
      ["Orders DLQ", "ok"],
      ["Unset", "not-configured"],
    ]);
    expect(Object.fromEntries(o.workers.map((w) => [w.workerId, w.alive]))).toEqual({ alive: true, silent: false, stopped: false });
    expect(o.notifications[0]).toMatchObject({ ticketNumber: a.ticketNumber, channel: "SMS", status: "FAILED", lastError: "provider said no" });
    expect(o.notifications[0]!.recipient).not.toContain("7911123");
  });

  it("shows queues as unavailable, without failing, while the queue server is down", async () => {
    await stack.stopQueueServer();
    try {
      const started = Date.now();
      const o = await overview();
      expect(o.queues.slice(0, 2).map((q) => q.depth.status)).toEqual(["unavailable", "unavailable"]);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await stack.startQueueServer();
    }
  });

  it("lists the dev SMS inbox newest first", async () => {
    await stack.prisma.devSmsMessage.create({ data: { to: "+15550000001", body: "first", createdAt: new Date(Date.now() - 1000) } });
    await stack.prisma.devSmsMessage.create({ data: { to: "+15550000002", body: "second" } });
    expect((await listDevSms({ prisma: stack.prisma })).map((m) => m.body)).toEqual(["second", "first"]);
  });
});
