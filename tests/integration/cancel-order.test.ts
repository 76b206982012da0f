import { afterEach, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "../../app/api/orders/[token]/cancel/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { TOO_LATE_TO_CANCEL } from "../../lib/orders/cancel-order.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { markQueued } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The customer cancels from their status page: allowed until a barista starts the
// order, idempotent, and final — the worker's late order.placed cannot undo it.

const ctx = setupRouteTestStack();
let worker: Worker | undefined;
afterEach(async () => {
  await stopTestWorker(worker);
  worker = undefined;
});

let keys = 0;
async function placeOrder() {
  const body = { idempotencyKey: `cancel-test-${Date.now()}-${++keys}-abcdef`, customerName: "Ada", items: [{ menuItemId: "latte", quantity: 1 }] };
  const r = await placeOrderRoute(new Request("http://localhost/api/orders", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), {});
  expect(r.status).toBe(201);
  const token = ((await r.json()) as { statusUrl: string }).statusUrl.split("/").pop()!;
  const { id } = await ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token }, select: { id: true } });
  return { token, id };
}

const params = (token: string) => ({ params: Promise.resolve({ token }) });

async function cancel(token: string) {
  const r = await cancelRoute(new Request(`http://localhost/api/orders/${token}/cancel`, { method: "POST" }), params(token));
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function view(token: string) {
  const r = await orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), params(token));
  return (await r.json()) as Record<string, unknown>;
}

describe("POST /api/orders/[token]/cancel", () => {
  it("cancels a placed order, and again is still 200", async () => {
    const { token } = await placeOrder();
    expect((await view(token)).canCancel).toBe(true);
    expect(await cancel(token)).toEqual({ status: 200, body: { status: "CANCELLED", refund: null } });
    expect(await view(token)).toMatchObject({
      status: "CANCELLED",
      canCancel: false,
      cancelReason: "Cancelled by the customer",
      cancelledAt: expect.any(String),
      queuePosition: null,
      etaMinutes: null,
    });
    expect(await cancel(token)).toEqual({ status: 200, body: { status: "CANCELLED", refund: null } });
  });

  it("cancels a queued order", async () => {
    const { token, id } = await placeOrder();
    await markQueued(ctx.stack.prisma, id);
    expect(await cancel(token)).toEqual({ status: 200, body: { status: "CANCELLED", refund: null } });
  });

  it("says what an order paid online gets back, and owes it with a payment.refund message for the worker", async () => {
    const { token, id } = await placeOrder();
    // As the checkout webhook leaves a paid order (the refund itself is tests/integration/refunds.test.ts).
    await ctx.stack.prisma.order.update({ where: { id }, data: { paymentMethod: "ONLINE", paymentStatus: "PAID" } });
    const { totalCents } = await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { totalCents: true } });
    const answer = { status: 200, body: { status: "CANCELLED", refund: { amountCents: totalCents } } };
    expect(await cancel(token)).toEqual(answer);
    expect(await ctx.stack.prisma.refund.findUniqueOrThrow({ where: { orderId: id } })).toMatchObject({ amountCents: totalCents, status: "PENDING", attempt: 1 });
    const messages = await ctx.stack.prisma.outboxMessage.findMany({ where: { orderId: id, type: "payment.refund" }, select: { id: true, body: true, sentAt: true } });
    expect(messages).toEqual([{ id: expect.any(String), body: { type: "payment.refund", outboxId: messages[0]!.id, orderId: id, attempt: 1 }, sentAt: expect.any(Date) }]);
    // Asked again (a lost answer, a second tab): the same words, nothing owed twice.
    expect(await cancel(token)).toEqual(answer);
    expect(await ctx.stack.prisma.outboxMessage.count({ where: { orderId: id, type: "payment.refund" } })).toBe(1);
  });

  it("refuses with 409 once a barista started it or it is ready, changing nothing", async () => {
    const { token, id } = await placeOrder();
    await markQueued(ctx.stack.prisma, id);
    await startOrder({ prisma: ctx.stack.prisma, actor: testBarista, orderId: id, barista: "Sam" });
    const refused = await cancel(token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "CONFLICT", message: TOO_LATE_TO_CANCEL });
    expect(TOO_LATE_TO_CANCEL).toBe("Your order is already being made, so it can't be cancelled now — please talk to the barista.");

    await ctx.stack.prisma.order.update({ where: { id }, data: { status: "READY", readyAt: new Date() } });
    expect((await cancel(token)).status).toBe(409);
    expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, cancelledAt: true } })).toEqual({ status: "READY", cancelledAt: null });
  });

  it("refuses with 409 an order not paid yet, which is never made unpaid anyway, changing nothing", async () => {
    const { token, id } = await placeOrder();
    for (const status of ["AWAITING_PAYMENT", "PAYMENT_EXPIRED"] as const) {
      await ctx.stack.prisma.order.update({ where: { id }, data: { status, paymentMethod: "ONLINE" } });
      const refused = await cancel(token);
      expect(refused.status).toBe(409);
      expect(refused.body.error?.message).toMatch(/isn't paid, so it won't be made/);
      expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, cancelledAt: true } })).toEqual({ status, cancelledAt: null });
    }
  });

  it("answers 404 for an unknown or malformed token", async () => {
    for (const token of ["A".repeat(32), "../../etc", ""]) {
      const r = await cancel(token);
      expect(r.status, token).toBe(404);
      expect(r.body.error?.message).toBe("We couldn't find that order");
    }
  });

  it("stays cancelled when the worker handles the order.placed message afterwards", async () => {
    const { token, id } = await placeOrder();
    // The message is already on the orders queue; no worker has seen it yet.
    expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: "PLACED" });
    expect((await cancel(token)).status).toBe(200);

    worker = await startTestWorker(ctx.stack);
    const handled = await waitFor(
      async () => {
        const row = await ctx.stack.prisma.outboxMessage.findFirst({ where: { orderId: id, type: "order.placed" }, select: { processedAt: true } });
        return row?.processedAt ?? null;
      },
      { what: "the order.placed message handled" },
    );
    expect(handled).toBeInstanceOf(Date);
    expect(await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, queuedAt: true } })).toEqual({ status: "CANCELLED", queuedAt: null });
  });
});
