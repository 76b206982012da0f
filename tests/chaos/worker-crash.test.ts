import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { setupChaosStack } from "./chaos-stack.ts";
import { listenOrderChanges, sleep, waitFor } from "../support/worker-harness.ts";
import { getHealth, spawnWorkerProcess } from "../support/worker-process.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";

// A worker process dies without any cleanup (SIGKILL) with messages in flight: received
// and not yet handled, or handled and committed but not yet deleted. The messages come
// back after the orders queue's 30 s visibility timeout and a fresh worker finishes the
// job; nothing happens twice.

const chaos = setupChaosStack({ mail: false });

const queuedCount = (ids: string[]) => chaos.stack.prisma.order.count({ where: { id: { in: ids }, status: "QUEUED" } });

async function queueAttributes() {
  const out = await chaos.stack.transport.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: chaos.stack.config.ORDERS_QUEUE_URL,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return { visible: Number(out.Attributes?.ApproximateNumberOfMessages), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

const isEmpty = (q: { visible: number; inFlight: number }) => q.visible === 0 && q.inFlight === 0;

describe("worker killed mid-batch", () => {
  it("SIGKILL after some of 50 orders: a restarted worker queues every order exactly once", async () => {
    const accepted: AcceptedOrder[] = [];
    for (let i = 0; i < 50; i++) accepted.push(await placeUntilAccepted(chaos.stack));
    const ids = accepted.map((a) => a.orderId);
    const listener = await listenOrderChanges(chaos.stack.pg.url);
    try {
      const first = spawnWorkerProcess(chaos.stack.env);
      let queuedAtKill = 0;
      await waitFor(
        async () => {
          if (first.child.exitCode !== null) throw new Error(`worker exited early:\n${first.output()}`);
          queuedAtKill = await queuedCount(ids);
          // Kill only while it holds messages whose orders it has not queued yet (50 =
          // visible + queued + held-but-not-done). Right after a commit it may have
          // deleted all it had and not received again: fresh-clone runs killed it in
          // that gap, with nothing in flight and so nothing to prove.
          const { visible } = await queueAttributes();
          return queuedAtKill >= 5 && 50 - visible - queuedAtKill > 0;
        },
        { timeoutMs: 30_000, intervalMs: 10, what: "the worker to queue some orders while holding others" },
      );
      first.child.kill("SIGKILL");
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
      const afterKill = await queuedCount(ids);
      const inQueue = await queueAttributes();
      // Mid-batch for real: some orders done, and messages held by the dead process.
      expect(afterKill, `queued when killed: ${afterKill}/50`).toBeLessThan(50);
      expect(inQueue.inFlight, JSON.stringify(inQueue)).toBeGreaterThan(0);

      const second = await startWorkerChild(chaos.stack);
      await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 75_000 });
      // Messages the killed worker held come back only after the visibility timeout (or a
      // reconciler resend overtook them): keep the restarted worker running until the
      // queue is empty, so every copy has been handled, and only then count the changes.
      await waitFor(async () => isEmpty(await queueAttributes()), { timeoutMs: 75_000, what: "the orders queue to drain" });
      expect(await stopWorkerChild(second)).toEqual({ code: 0, signal: null });
      await sleep(200);
      const queuedChanges = listener.changes.filter((c) => c.status === "QUEUED" && ids.includes(c.id));
      expect(queuedChanges).toHaveLength(50);
      expect(await queueAttributes()).toEqual({ visible: 0, inFlight: 0 });
    } finally {
      await listener.close();
    }
    await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "QUEUED" } });
  });

  it("killed between the database commit and the message delete: the redelivered messages change nothing", async () => {
    const accepted: AcceptedOrder[] = [];
    for (let i = 0; i < 10; i++) accepted.push(await placeUntilAccepted(chaos.stack));
    const ids = accepted.map((a) => a.orderId);
    const listener = await listenOrderChanges(chaos.stack.pg.url);
    try {
      // Test-only hook in worker/start-worker.ts: SIGKILL itself right after the first commit.
      const faulty = spawnWorkerProcess({ ...chaos.stack.env, BREWLINE_FAULT: "exit-after-commit" });
      expect(await faulty.exited, faulty.output()).toEqual({ code: null, signal: "SIGKILL" });
      const committed = await chaos.stack.prisma.order.findMany({ where: { id: { in: ids }, status: "QUEUED" }, select: { id: true, queuedAt: true } });
      expect(committed.length).toBeGreaterThanOrEqual(1);
      // None of the committed messages was deleted: all ten are still held or waiting.
      const held = await queueAttributes();
      expect(held.visible + held.inFlight).toBe(10);

      const second = await startWorkerChild(chaos.stack);
      await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 75_000 });
      // Every message, including the already-committed ones, is delivered again and handled.
      await waitFor(async () => Number((await getHealth(second.healthPort))?.body.processed) >= 10, {
        timeoutMs: 60_000,
        what: "the restarted worker to handle all ten deliveries",
      });
      // Messages the killed worker held come back only after the visibility timeout (or a
      // reconciler resend overtook them): keep the restarted worker running until the
      // queue is empty, so every copy has been handled, and only then count the changes.
      await waitFor(async () => isEmpty(await queueAttributes()), { timeoutMs: 75_000, what: "the orders queue to drain" });
      expect(await stopWorkerChild(second)).toEqual({ code: 0, signal: null });
      await sleep(200);

      const after = await chaos.stack.prisma.order.findMany({ where: { id: { in: committed.map((c) => c.id) } }, select: { id: true, queuedAt: true } });
      expect(new Map(after.map((o) => [o.id, o.queuedAt?.toISOString()]))).toEqual(new Map(committed.map((o) => [o.id, o.queuedAt?.toISOString()])));
      expect(listener.changes.filter((c) => c.status === "QUEUED" && ids.includes(c.id))).toHaveLength(10);
      expect(await queueAttributes()).toEqual({ visible: 0, inFlight: 0 });
    } finally {
      await listener.close();
    }
    await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "QUEUED" } });
  });
});
