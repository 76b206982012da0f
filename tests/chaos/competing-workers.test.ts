import { describe, expect, it } from "vitest";
import { setupChaosStack } from "./chaos-stack.ts";
import { listenOrderChanges, sleep } from "../support/worker-harness.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";

// Two worker processes compete for one FIFO queue while two customers' worth of
// concurrent placers fill it: every order is queued once, tickets stay unique, and the
// work really is shared (both workers' heartbeats show processed messages).

const ORDERS = 500;

const chaos = setupChaosStack({ mail: false });

describe("competing consumers", () => {
  it(`two workers and two placers: ${ORDERS} orders, each queued once, work split across both workers`, async () => {
    const workers = await Promise.all([startWorkerChild(chaos.stack), startWorkerChild(chaos.stack)]);
    const listener = await listenOrderChanges(chaos.stack.pg.url);
    try {
      const placer = async () => {
        const mine: AcceptedOrder[] = [];
        for (let i = 0; i < ORDERS / 2; i++) mine.push(await placeUntilAccepted(chaos.stack));
        return mine;
      };
      const accepted = (await Promise.all([placer(), placer()])).flat();
      const ids = accepted.map((o) => o.orderId);
      await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 60_000 });
      for (const w of workers) expect(await stopWorkerChild(w)).toEqual({ code: 0, signal: null });
      await sleep(200);

      const beats = await chaos.stack.prisma.workerHeartbeat.findMany({ where: { workerId: { in: workers.map((w) => w.workerId) } } });
      expect(beats).toHaveLength(2);
      const processed = beats.map((b) => b.processed);
      // Every message handled (a rare redelivery would be counted twice, hence at least).
      expect(processed.reduce((a, b) => a + b, 0), `processed per worker: ${processed.join(", ")}`).toBeGreaterThanOrEqual(ORDERS);
      for (const n of processed) expect(n, `processed per worker: ${processed.join(", ")}`).toBeGreaterThan(0);
      expect(listener.changes.filter((c) => c.status === "QUEUED" && ids.includes(c.id))).toHaveLength(ORDERS);
      await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "QUEUED" } });
    } finally {
      await listener.close();
    }
  });
});
