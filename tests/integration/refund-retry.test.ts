import { describe, expect, it } from "vitest";
import { POST as retry } from "../../app/api/dashboard/refunds/[orderId]/retry/route.ts";
import { placeTestOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffHeaders } from "../support/staff-session.ts";

// A manager's Retry of a failed refund, through the route as the dashboard calls it: one
// new attempt and one payment.refund message for it, written and sent; nothing for a
// refund the queue still owns or one already done; managers only, from the shop's pages.

const ctx = setupRouteTestStack();
const BASE = "http://localhost:3000";
const params = (orderId: string) => ({ params: Promise.resolve({ orderId }) });
const post = async (orderId: string, headers: Record<string, string>) =>
  retry(new Request(`${BASE}/api/dashboard/refunds/${orderId}/retry`, { method: "POST", headers }), params(orderId));

async function paidOrderWithRefund(status: "PENDING" | "SUCCEEDED" | "FAILED") {
  const { prisma } = ctx.stack;
  const order = await placeTestOrder(ctx.stack);
  await prisma.order.update({ where: { id: order.orderId }, data: { status: "CANCELLED", cancelledAt: new Date(), paymentMethod: "ONLINE", paymentStatus: "PAID" } });
  await prisma.refund.create({
    data: { orderId: order.orderId, amountCents: 460, status, lastError: status === "FAILED" ? "card_declined" : null, requestedAt: new Date(Date.now() - 3_600_000), settledAt: status === "PENDING" ? null : new Date() },
  });
  return order;
}

const refundMessages = (orderId: string) => ctx.stack.prisma.outboxMessage.findMany({ where: { orderId, type: "payment.refund" } });

describe("retry a refund", () => {
  it("makes a FAILED refund PENDING again as attempt 2, with one payment.refund message for that attempt, sent and audited", async () => {
    const order = await paidOrderWithRefund("FAILED");
    const res = await post(order.orderId, await staffHeaders(ctx.stack.prisma, "manager"));
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { outboxId: string; attempt: number };
    expect(answer.attempt).toBe(2);

    const refund = await ctx.stack.prisma.refund.findUniqueOrThrow({ where: { orderId: order.orderId } });
    expect(refund).toMatchObject({ status: "PENDING", attempt: 2, lastError: null, settledAt: null });
    expect(Date.now() - refund.requestedAt.getTime()).toBeLessThan(60_000);

    const messages = await refundMessages(order.orderId);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: answer.outboxId, destination: "ORDERS_QUEUE", sentAt: expect.any(Date) });
    expect(messages[0]!.body).toEqual({ type: "payment.refund", outboxId: answer.outboxId, orderId: order.orderId, attempt: 2 });

    const audit = await ctx.stack.prisma.auditLog.findFirstOrThrow({ where: { orderId: order.orderId, action: "payment.refund.retry" } });
    expect(audit.summary).toBe(`Retry the failed refund of ticket #${order.ticketNumber} (attempt 2)`);
    expect(audit.actorName).toMatch(/^Morgan/);

    // A second click finds it PENDING: the queue owns it now.
    const again = await post(order.orderId, await staffHeaders(ctx.stack.prisma, "manager"));
    expect(again.status).toBe(409);
    expect(await refundMessages(order.orderId)).toHaveLength(1);
  });

  it("answers 409 for a PENDING or SUCCEEDED refund and changes nothing; 404 without a refund; 400 for a bad id", async () => {
    const manager = await staffHeaders(ctx.stack.prisma, "manager");
    for (const status of ["PENDING", "SUCCEEDED"] as const) {
      const order = await paidOrderWithRefund(status);
      const res = await post(order.orderId, manager);
      expect(res.status, status).toBe(409);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(status === "PENDING" ? /still pending/ : /already refunded/);
      expect(await ctx.stack.prisma.refund.findUniqueOrThrow({ where: { orderId: order.orderId } })).toMatchObject({ status, attempt: 1 });
      expect(await refundMessages(order.orderId)).toHaveLength(0);
    }
    const unpaid = await placeTestOrder(ctx.stack);
    expect((await post(unpaid.orderId, manager)).status).toBe(404);
    expect((await post("not-a-uuid", manager)).status).toBe(400);
  });

  it("refuses a barista (403), a stranger (401) and a request from another site (403), retrying nothing", async () => {
    const order = await paidOrderWithRefund("FAILED");
    expect((await post(order.orderId, await staffHeaders(ctx.stack.prisma, "barista"))).status).toBe(403);
    expect((await post(order.orderId, { "content-type": "application/json" })).status).toBe(401);
    expect((await post(order.orderId, await staffHeaders(ctx.stack.prisma, "manager", { origin: "https://evil.example" }))).status).toBe(403);
    expect(await ctx.stack.prisma.refund.findUniqueOrThrow({ where: { orderId: order.orderId } })).toMatchObject({ status: "FAILED", attempt: 1 });
    expect(await refundMessages(order.orderId)).toHaveLength(0);
  });
});
