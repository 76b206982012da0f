import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelOrder } from "../../lib/orders/cancel-order.ts";
import { refundIdempotencyKey } from "../../lib/payments/refund-order.ts";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import { payOrderOnline } from "../support/paid-online-order.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";
import { waitFor } from "../support/worker-harness.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { assertInvariants } from "./invariants.ts";
import { placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";

// A worker process is SIGKILLed while Stripe is making a refund it asked for: the provider has
// created the refund, the worker never committed it. After the orders queue's 30 s visibility
// timeout a fresh worker handles the message again, with the same idempotency key, and gets
// the same refund back: one refund, recorded once.

const chaos = setupChaosStack({ mail: false });

type SeenRequest = { method: string; path: string; idempotencyKey: string | null };

/** Forwards everything to the stand-in and remembers each request's Idempotency-Key header. */
async function startRecordingProxy(target: string) {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const key = req.headers["idempotency-key"];
    requests.push({ method: req.method ?? "", path: req.url ?? "", idempotencyKey: (Array.isArray(key) ? key[0] : key) ?? null });
    const upstream = httpRequest(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let standIn: StripeStandIn;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
beforeAll(async () => {
  standIn = await startStripeStandIn();
  proxy = await startRecordingProxy(standIn.url);
});
afterAll(async () => {
  await proxy?.close();
  await standIn?.close();
});

describe("worker killed while the provider makes a refund", () => {
  it("SIGKILL after Stripe created the refund: a fresh worker settles it with the same key, and there is one refund", async () => {
    const { prisma } = chaos.stack;
    const provider = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
    const accepted = await placeUntilAccepted(chaos.stack);
    const { orderId } = accepted;
    const { paymentId, totalCents } = await payOrderOnline({ prisma, provider, standIn, orderId });
    const env = { PAYMENTS: "stripe", STRIPE_SECRET_KEY: standIn.secretKey, STRIPE_WEBHOOK_SECRET: standIn.webhookSecret, STRIPE_API_URL: proxy.url };

    const first = await startWorkerChild(chaos.stack, env);
    // Its order.placed handled first, so the kill can only catch the refund.
    await waitForStatus(chaos.stack, [orderId], "QUEUED", { timeoutMs: 30_000 });
    standIn.setRefundDelay(5000);
    const { publicToken } = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { publicToken: true } });
    expect(await cancelOrder({ prisma, transport: chaos.stack.transport, publicToken })).toEqual({ status: "CANCELLED", refund: { amountCents: totalCents } });

    await waitFor(
      async () => {
        if (first.child.exitCode !== null) throw new Error(`worker exited early:\n${first.output()}`);
        return standIn.refunds().length === 1;
      },
      { timeoutMs: 30_000, intervalMs: 10, what: "the stand-in to create the refund" },
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    // Killed inside the provider's 5 s answer: nothing was committed.
    expect(await prisma.refund.findUniqueOrThrow({ where: { orderId } })).toMatchObject({ status: "PENDING", providerRefundId: null });
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { orderId, type: "payment.refund" }, select: { processedAt: true } })).toEqual({ processedAt: null });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true } })).paymentStatus).toBe("PAID");

    const second = await startWorkerChild(chaos.stack, env);
    const refund = await waitFor(
      async () => {
        const row = await prisma.refund.findUniqueOrThrow({ where: { orderId } });
        return row.status !== "PENDING" && row;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: "the restarted worker to settle the refund" },
    );
    expect(await stopWorkerChild(second)).toEqual({ code: 0, signal: null });

    const made = standIn.refunds();
    expect(made).toEqual([{ id: expect.any(String), paymentIntent: paymentId, amount: totalCents, idempotencyKey: refundIdempotencyKey(orderId, 1) }]);
    expect(refund).toMatchObject({ status: "SUCCEEDED", providerRefundId: made[0]!.id, attempt: 1 });
    // The dead worker's request and the fresh worker's (at least one more), all under one key.
    const refundRequests = proxy.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/refunds"));
    expect(refundRequests.length, JSON.stringify(refundRequests)).toBeGreaterThanOrEqual(2);
    expect(new Set(refundRequests.map((r) => r.idempotencyKey))).toEqual(new Set([refundIdempotencyKey(orderId, 1)]));
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true } })).paymentStatus).toBe("REFUNDED");
    expect(await prisma.auditLog.count({ where: { orderId, action: "payment.refund" } })).toBe(1);

    await assertInvariants({ prisma, accepted: [accepted], final: { status: "CANCELLED" } });
  });
});
