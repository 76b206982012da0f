import { describe, expect, it } from "vitest";
import { MAX_NOTIFICATION_ATTEMPTS } from "../../lib/notifications/notify-customer.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The SMTP server is gone when orders become ready. The worker process retries the email
// with growing delays and marks it FAILED after the attempt limit; the text goes out once
// and the order is READY regardless. (The same rules against a fake sender are in
// tests/integration/order-handlers.test.ts; here the sink really is down.)

const chaos = setupChaosStack({ mail: true });

describe("SMTP server down", () => {
  it("retries the email with backoff, gives up as FAILED, texts once, and the order stays READY", async () => {
    const worker = await startWorkerChild(chaos.stack, { SMTP_URL: chaos.sink.smtpUrl });
    const accepted: AcceptedOrder[] = [await placeUntilAccepted(chaos.stack), await placeUntilAccepted(chaos.stack)];
    const ids = accepted.map((o) => o.orderId);
    await waitForStatus(chaos.stack, ids, "QUEUED");
    await chaos.sink.close();

    await Promise.all(ids.map((orderId) => requestReady({ prisma: chaos.stack.prisma, actor: testBarista, transport: chaos.stack.transport, orderId })));
    await waitForStatus(chaos.stack, ids, "READY");

    // Watch one order's email attempts to see the gaps between them grow.
    const seen: { attempts: number; at: number }[] = [];
    const emailRows = await waitFor(
      async () => {
        const rows = await chaos.stack.prisma.notification.findMany({ where: { orderId: { in: ids }, channel: "EMAIL" }, orderBy: { orderId: "asc" } });
        const first = rows.find((r) => r.orderId === ids[0]);
        if (first && seen.at(-1)?.attempts !== first.attempts) seen.push({ attempts: first.attempts, at: Date.now() });
        return rows.length === 2 && rows.every((r) => r.status === "FAILED") && rows;
      },
      { timeoutMs: 75_000, intervalMs: 100, what: `emails FAILED after ${MAX_NOTIFICATION_ATTEMPTS} attempts` },
    );
    expect(emailRows.map((r) => r.attempts)).toEqual([MAX_NOTIFICATION_ATTEMPTS, MAX_NOTIFICATION_ATTEMPTS]);
    expect(emailRows[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Retry n waits about 2^n s (2, 4, 8, 16): each gap clearly longer than the one before.
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    expect(seen.map((s) => s.attempts), JSON.stringify(seen)).toEqual([1, 2, 3, 4, 5]);
    gaps.forEach((gap, i) => expect(gap, `gaps ${gaps.join(", ")} ms`).toBeGreaterThan(2 ** (i + 1) * 1000 - 750));

    await sleep(1000);
    expect(await stopWorkerChild(worker)).toEqual({ code: 0, signal: null });
    await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "READY", sms: "SENT", email: "FAILED" } });
  });
});
