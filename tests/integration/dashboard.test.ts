import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOverview } from "../../lib/dashboard/get-overview.ts";
import { listDevSms } from "../../lib/dashboard/list-dev-sms.ts";
import { countUnpaidCheckouts, listOrdersInRange } from "../../lib/dashboard/list-orders-in-range.ts";
import { listRefunds } from "../../lib/dashboard/list-refunds.ts";
import { computeOrderStats } from "../../lib/dashboard/stats.ts";
import { computeTips } from "../../lib/dashboard/tips.ts";
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
    // Nor does an online checkout nobody paid: it never reached the kitchen.
    const unpaid = await placeTestOrder(stack);
    await stack.prisma.order.update({ where: { id: unpaid.orderId }, data: { status: "AWAITING_PAYMENT", paymentMethod: "ONLINE" } });

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
    // A push recipient is the browser's endpoint: its path reaches that browser, so only the host shows.
    await stack.prisma.notification.create({
      data: {
        orderId: a.orderId,
        event: "order.ready",
        channel: "PUSH",
        recipient: "https://fcm.googleapis.com/fcm/send/secret-browser-token",
        status: "SKIPPED",
        lastError: "push turned off",
        createdAt: new Date(now - 1_000),
      },
    });

    const o = await overview();
    expect(o.counts).toMatchObject({ PLACED: 1, QUEUED: 1, IN_PROGRESS: 0, READY: 0, CANCELLED: 0, AWAITING_PAYMENT: 1 });
    expect(o.totalToday).toBe(2);
    expect(o.queues.map((q) => [q.label, q.depth.status])).toEqual([
      ["Orders queue", "ok"],
      ["Orders DLQ", "ok"],
      ["Unset", "not-configured"],
    ]);
    expect(Object.fromEntries(o.workers.map((w) => [w.workerId, w.alive]))).toEqual({ alive: true, silent: false, stopped: false });
    expect(o.notifications[0]).toMatchObject({ ticketNumber: a.ticketNumber, channel: "SMS", status: "FAILED", lastError: "provider said no" });
    expect(o.notifications[0]!.recipient).not.toContain("7911123");
    expect(o.notifications[1]).toMatchObject({ channel: "PUSH", status: "SKIPPED", recipient: "fcm.googleapis.com", lastError: "push turned off" });
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

describe("payments on the dashboard", () => {
  const range = { from: "2026-06-01", to: "2026-06-02" };
  const day = (d: string) => new Date(`${d}T00:00:00Z`);

  it("leaves unpaid online checkouts out of orders, sales and tips, counts them apart, and totals tips per barista shift", async () => {
    const placed = [];
    for (let i = 0; i < 5; i++) placed.push(await placeTestOrder(stack));
    const [sam, ana, nobody, awaiting, expired] = placed.map((p) => p.orderId);
    const set = (id: string | undefined, data: Record<string, unknown>) =>
      stack.prisma.order.update({ where: { id: id! }, data: { businessDate: day("2026-06-01"), subtotalCents: 500, taxCents: 80, taxIncluded: true, ...data } });
    await set(sam, { status: "READY", claimedBy: "Sam", tipCents: 120, paymentMethod: "ONLINE", paymentStatus: "PAID" });
    await set(ana, { status: "READY", claimedBy: "Ana", tipCents: 50, paymentMethod: "CARD_AT_TILL", paymentStatus: "PAID" });
    await set(nobody, { status: "QUEUED", tipCents: 30 });
    await set(awaiting, { status: "AWAITING_PAYMENT", tipCents: 500, paymentMethod: "ONLINE" });
    await set(expired, { status: "PAYMENT_EXPIRED", tipCents: 500, paymentMethod: "ONLINE" });

    const orders = await listOrdersInRange({ prisma: stack.prisma, range });
    expect(orders.map((o) => o.id).sort()).toEqual([sam, ana, nobody].sort());
    expect(orders.find((o) => o.id === sam)).toMatchObject({ tipCents: 120, paymentMethod: "ONLINE", paymentStatus: "PAID", refundStatus: null, claimedBy: "Sam" });
    expect(await countUnpaidCheckouts({ prisma: stack.prisma, range })).toEqual({ awaitingPayment: 1, expired: 1 });

    const stats = computeOrderStats(orders, "UTC");
    expect(stats.total).toBe(3);
    expect(stats.revenue).toEqual({ orders: 3, subtotalCents: 1500, taxAddedCents: 0, taxIncludedCents: 240, tipCents: 200 });
    expect(computeTips(orders).perShift.map((s) => [s.barista, s.tipCents])).toEqual([
      ["Sam", 120],
      ["Ana", 50],
      [null, 30],
    ]);
  });

  it("lists the range's refunds, and every failed or long-pending refund whatever its date", async () => {
    const now = new Date();
    const make = async (businessDate: string, status: "PENDING" | "SUCCEEDED" | "FAILED", minutesAgo: number) => {
      const { orderId } = await placeTestOrder(stack);
      await stack.prisma.order.update({ where: { id: orderId }, data: { businessDate: day(businessDate), status: "CANCELLED", paymentMethod: "ONLINE", paymentStatus: "PAID" } });
      await stack.prisma.refund.create({ data: { orderId, amountCents: 460, status, requestedAt: new Date(now.getTime() - minutesAgo * 60_000), providerRefundId: status === "SUCCEEDED" ? "re_ok" : null } });
      return orderId;
    };
    const done = await make("2026-06-02", "SUCCEEDED", 30);
    const fresh = await make("2026-06-02", "PENDING", 2);
    const late = await make("2020-02-02", "PENDING", 11);
    const failed = await make("2020-02-03", "FAILED", 60);
    const report = await listRefunds({ prisma: stack.prisma, range, now });
    expect(report.inRange.map((r) => r.orderId)).toEqual([fresh, done]);
    expect(report.inRange.find((r) => r.orderId === done)).toMatchObject({ status: "SUCCEEDED", amountCents: 460, providerRefundId: "re_ok", businessDate: "2026-06-02", late: false });
    expect(report.needsAttention.map((r) => [r.orderId, r.status, r.late])).toEqual([
      [failed, "FAILED", false],
      [late, "PENDING", true],
    ]);
  });
});
