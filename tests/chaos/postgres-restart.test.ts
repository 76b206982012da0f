import { describe, expect, it } from "vitest";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";
import { getHealth } from "../support/worker-process.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// Postgres restarts (same port, same data) while orders stream in and a worker process is
// consuming them. The worker's handlers fail during the outage, their messages are retried
// with backoff, and once Postgres is back the worker finishes every order without a restart
// of its own. (What the web answers meanwhile — 503 with Retry-After — is covered by
// tests/integration/web-routes.test.ts.)

const chaos = setupChaosStack({ mail: true });

describe("Postgres restart under load", () => {
  it("the worker reconnects and queues every accepted order once; later it completes and notifies each once", async () => {
    const worker = await startWorkerChild(chaos.stack, { SMTP_URL: chaos.sink.smtpUrl, OUTBOX_RESEND_AFTER_SECONDS: "1", OUTBOX_REDELIVER_AFTER_SECONDS: "10" });
    const accepted: AcceptedOrder[] = [];
    let placing = true;
    // Customers keep ordering (retrying the same request while the shop cannot answer).
    const customers = (async () => {
      while (placing) accepted.push(await placeUntilAccepted(chaos.stack, undefined, { timeoutMs: 60_000 }));
    })();
    await waitFor(async () => accepted.length >= 10, { what: "orders before the restart" });
    // Freeze the worker so messages pile up for it, take Postgres away, then let the
    // worker at them: its handlers must fail (and be retried), not lose the messages.
    worker.child.kill("SIGSTOP");
    await waitFor(async () => accepted.length >= 20, { what: "orders waiting for the frozen worker" });
    await chaos.stack.stopPostgres();
    worker.child.kill("SIGCONT");
    await sleep(3000);
    await chaos.stack.startPostgres();
    const countAtRestart = accepted.length;
    await waitFor(async () => accepted.length >= countAtRestart + 10, { timeoutMs: 30_000, what: "orders after the restart" });
    placing = false;
    await customers;

    const ids = accepted.map((o) => o.orderId);
    await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 60_000 }).catch(async (error: unknown) => {
      // Seen once in a fresh-clone run (not reproduced in 6 runs since): say where the
      // missing orders are, so the next failure can be read rather than guessed at.
      const statuses = await chaos.stack.prisma.order.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: { _all: true } });
      const outbox = await chaos.stack.prisma.outboxMessage.findMany({
        where: { orderId: { in: ids }, processedAt: null },
        select: { type: true, sendCount: true, sentAt: true, lastError: true, abandonedAt: true },
      });
      throw new Error(
        `${String(error)}\nstatuses: ${JSON.stringify(statuses)}\nunprocessed outbox rows: ${JSON.stringify(outbox)}\nworker output (tail):\n${worker.output().slice(-4000)}`,
      );
    });
    expect(worker.child.exitCode, "the worker rode out the restart without exiting").toBeNull();
    await waitFor(async () => (await getHealth(worker.healthPort))?.status === 200, { what: "worker healthy" });

    await Promise.all(ids.map((orderId) => requestReady({ prisma: chaos.stack.prisma, actor: testBarista, transport: chaos.stack.transport, orderId })));
    await waitForStatus(chaos.stack, ids, "READY", { timeoutMs: 30_000 });
    await waitFor(
      async () => (await chaos.stack.prisma.notification.count({ where: { orderId: { in: ids }, status: "SENT" } })) === ids.length * 2,
      { timeoutMs: 30_000, intervalMs: 250, what: "an SMS and an email for every order" },
    );
    await sleep(2000);
    expect(await stopWorkerChild(worker)).toEqual({ code: 0, signal: null });
    const beat = await chaos.stack.prisma.workerHeartbeat.findUniqueOrThrow({ where: { workerId: worker.workerId } });
    expect(beat.stoppedAt).not.toBeNull();
    expect(beat.failed, "handlers failed while Postgres was down").toBeGreaterThan(0);
    await assertInvariants({ prisma: chaos.stack.prisma, sink: chaos.sink, accepted, final: { status: "READY", sms: "SENT", email: "SENT" } });
  });
});
