import { describe, expect, it } from "vitest";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";
import { getHealth } from "../support/worker-process.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The SQS/SNS server goes away while customers order and baristas bump tickets, and
// comes back empty (the emulator keeps nothing). Postgres is the source of truth: the
// worker's outbox reconciler sends what never left and re-sends what the queue lost,
// and every customer still gets exactly one text and one email.

const chaos = setupChaosStack({ mail: true });

describe("queue server outage", () => {
  it("accepts orders and ready requests while it is down; after it returns empty, all orders end READY, notified once", async () => {
    const workerEnv = { SMTP_URL: chaos.sink.smtpUrl, OUTBOX_RESEND_AFTER_SECONDS: "1", OUTBOX_REDELIVER_AFTER_SECONDS: "3" };
    const ready = async (orders: AcceptedOrder[]) => {
      const results = await Promise.all(orders.map((o) => requestReady({ prisma: chaos.stack.prisma, actor: testBarista, transport: chaos.stack.transport, orderId: o.orderId })));
      return results.map((r) => r.sent);
    };

    // Q: queued before the outage, bumped during it.
    const worker = await startWorkerChild(chaos.stack, workerEnv);
    const queued: AcceptedOrder[] = [];
    for (let i = 0; i < 10; i++) queued.push(await placeUntilAccepted(chaos.stack));
    await waitForStatus(chaos.stack, queued.map((o) => o.orderId), "QUEUED");
    expect(await stopWorkerChild(worker)).toEqual({ code: 0, signal: null });

    // L: sent to the queue while no worker runs; the outage then loses these messages.
    const lost: AcceptedOrder[] = [];
    for (let i = 0; i < 5; i++) lost.push(await placeUntilAccepted(chaos.stack));
    expect(await chaos.stack.prisma.outboxMessage.count({ where: { orderId: { in: lost.map((o) => o.orderId) }, sentAt: { not: null } } })).toBe(5);

    await chaos.stack.stopQueueServer();
    const restarted = await startWorkerChild(chaos.stack, workerEnv);
    // P: placed during the outage; nothing reaches the queue, the orders are accepted anyway.
    const duringOutage: AcceptedOrder[] = [];
    try {
      await waitFor(async () => (await getHealth(restarted.healthPort))?.status === 503, { what: "worker to report the queue unreachable" });
      for (let i = 0; i < 10; i++) duringOutage.push(await placeUntilAccepted(chaos.stack));
      expect(await chaos.stack.prisma.outboxMessage.count({ where: { orderId: { in: duringOutage.map((o) => o.orderId) }, sentAt: null } })).toBe(10);
      expect(await ready(queued)).toEqual(Array(10).fill(false));
      await sleep(1500); // past OUTBOX_RESEND_AFTER_SECONDS: the reconciler tries, and fails
    } finally {
      await chaos.stack.startQueueServer();
    }

    await waitForStatus(chaos.stack, [...lost, ...duringOutage].map((o) => o.orderId), "QUEUED", { timeoutMs: 45_000 });
    await waitForStatus(chaos.stack, queued.map((o) => o.orderId), "READY", { timeoutMs: 45_000 });
    await ready([...lost, ...duringOutage]);
    const all = [...queued, ...lost, ...duringOutage];
    await waitForStatus(chaos.stack, all.map((o) => o.orderId), "READY", { timeoutMs: 45_000 });
    await waitFor(
      async () => (await chaos.stack.prisma.notification.count({ where: { orderId: { in: all.map((o) => o.orderId) }, status: "SENT" } })) === all.length * 2,
      { timeoutMs: 45_000, intervalMs: 250, what: "an SMS and an email for every order" },
    );
    await waitFor(async () => (await chaos.sink.emails()).length >= all.length, { what: "emails in the chaos.sink" });
    // Let any late duplicate surface before counting.
    await sleep(4000);
    expect(await stopWorkerChild(restarted)).toEqual({ code: 0, signal: null });
    // The lost messages came back from the outbox, not from the queue.
    const lostRows = await chaos.stack.prisma.outboxMessage.findMany({ where: { orderId: { in: lost.map((o) => o.orderId) }, type: "order.placed" } });
    expect(lostRows.map((r) => r.sendCount >= 2)).toEqual(Array(5).fill(true));
    await assertInvariants({ prisma: chaos.stack.prisma, sink: chaos.sink, accepted: all, final: { status: "READY", sms: "SENT", email: "SENT" } });
  });
});
