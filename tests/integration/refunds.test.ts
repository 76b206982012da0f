import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cancelTicket, SPAM_CANCEL_REASON } from "../../lib/kitchen/cancel-ticket.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { cancelOrder } from "../../lib/orders/cancel-order.ts";
import type { OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import type { Payments } from "../../lib/payments/payments-of-config.ts";
import { refundIdempotencyKey } from "../../lib/payments/refund-order.ts";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import { createOrdersMessageHandler } from "../../worker/handle-orders-message.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { testBarista } from "../support/kitchen-actor.ts";
import { markQueued } from "../support/orders.ts";
import { payOrderOnline } from "../support/paid-online-order.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// Refunds of cancelled orders paid online, exactly once: real Postgres and queue emulator, the
// real Stripe SDK against the stand-in. Customer cancels, kitchen cancels (refund, then the
// customer is told) and spam cancels, redeliveries, refusals and outages.

let stack: TestStack;
let standIn: StripeStandIn;
let provider: OnlinePaymentProvider;
let payments: Payments;
let worker: Worker | undefined;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  standIn = await startStripeStandIn();
  provider = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
  payments = { online: provider };
});
afterEach(async () => {
  await stopTestWorker(worker);
  worker = undefined;
  standIn.failRefunds(null);
  vi.restoreAllMocks();
});
afterAll(async () => {
  await standIn?.close();
  await stack?.stop();
});

async function paidOrder(customerName: string, on = { provider, standIn }) {
  const placed = await placeTestOrder(stack, { customerName });
  const paid = await payOrderOnline({ prisma: stack.prisma, provider: on.provider, standIn: on.standIn, orderId: placed.orderId });
  return { ...placed, ...paid };
}

const refundRow = (orderId: string) => stack.prisma.refund.findUnique({ where: { orderId } });
const paymentStatus = async (orderId: string) => (await stack.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true } })).paymentStatus;
const refundsAtStripe = (paymentId: string, on = standIn) => on.refunds().filter((r) => r.paymentIntent === paymentId);
const outbox = (orderId: string, type: string) => stack.prisma.outboxMessage.findMany({ where: { orderId, type }, orderBy: { createdAt: "asc" } });
const waitForRefund = (orderId: string, status: "SUCCEEDED" | "FAILED") =>
  waitFor(async () => {
    const row = await refundRow(orderId);
    return row?.status === status && row;
  }, { what: `refund ${status}` });

let deliveries = 0;
/** One delivery of a body to the orders handler, as the consumer hands it over. */
const deliver = (handle: ReturnType<typeof createOrdersMessageHandler>, body: unknown) =>
  handle({ messageId: `m-${++deliveries}`, body: JSON.stringify(body), receiptHandle: "r", receiveCount: 1 });
const handlerWith = (p: Payments) => createOrdersMessageHandler({ prisma: stack.prisma, transport: stack.transport, payments: p });

describe("customer cancel of an order paid online", () => {
  it("refunds the whole amount once through the worker: Refund SUCCEEDED, order REFUNDED, the message processed", async () => {
    worker = await startTestWorker(stack, { payments });
    const order = await paidOrder("Ada");
    expect(order.totalCents).toBeGreaterThan(0);

    const result = await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    expect(result).toEqual({ status: "CANCELLED", refund: { amountCents: order.totalCents } });
    const refund = await waitForRefund(order.orderId, "SUCCEEDED");
    const [made, ...more] = refundsAtStripe(order.paymentId);
    expect(more).toEqual([]);
    expect(made).toEqual({ id: refund.providerRefundId, paymentIntent: order.paymentId, amount: order.totalCents, idempotencyKey: `brewline-refund-${order.orderId}-1` });
    expect(refund).toMatchObject({ amountCents: order.totalCents, attempt: 1, lastError: null, settledAt: expect.any(Date) });
    expect(await paymentStatus(order.orderId)).toBe("REFUNDED");
    const [message] = await outbox(order.orderId, "payment.refund");
    expect(message).toMatchObject({ destination: "ORDERS_QUEUE", body: { type: "payment.refund", orderId: order.orderId, attempt: 1, outboxId: message!.id } });
    await waitFor(async () => (await outbox(order.orderId, "payment.refund"))[0]!.processedAt, { what: "the refund message processed" });
    expect(await stack.prisma.auditLog.findFirst({ where: { orderId: order.orderId, action: "payment.refund" }, select: { summary: true } })).toEqual({
      summary: expect.stringContaining(`to the customer (${refund.providerRefundId})`),
    });

    // Cancelling again answers the same and owes nothing new.
    expect(await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken })).toEqual(result);
    expect(await outbox(order.orderId, "payment.refund")).toHaveLength(1);
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
  });

  it("the payment.refund message delivered three times still refunds once", async () => {
    const order = await paidOrder("Bo");
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    const [message] = await outbox(order.orderId, "payment.refund");
    const refund = vi.spyOn(provider, "refund");
    const handle = handlerWith(payments);
    for (let i = 0; i < 3; i++) await deliver(handle, message!.body);
    expect(refund).toHaveBeenCalledTimes(1);
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
    expect(await refundRow(order.orderId)).toMatchObject({ status: "SUCCEEDED", providerRefundId: refundsAtStripe(order.paymentId)[0]!.id });
    expect(await stack.prisma.auditLog.count({ where: { orderId: order.orderId, action: "payment.refund" } })).toBe(1);
  });

  it("a worker that died after the provider refunded and before its commit: the redelivery gets the same refund back", async () => {
    const order = await paidOrder("Cy");
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    // What the dead worker asked, with the key refundOrder uses.
    const first = await provider.refund({ paymentId: order.paymentId, amount: order.totalCents, orderId: order.orderId, idempotencyKey: refundIdempotencyKey(order.orderId, 1) });
    const [message] = await outbox(order.orderId, "payment.refund");
    await deliver(handlerWith(payments), message!.body);
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
    expect(await refundRow(order.orderId)).toMatchObject({ status: "SUCCEEDED", providerRefundId: first.id });
  });

  it("competing deliveries of one message refund once", async () => {
    const order = await paidOrder("Di");
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    const [message] = await outbox(order.orderId, "payment.refund");
    // One of the two may meet the other's request still in progress (409) and be retried later.
    await Promise.allSettled([deliver(handlerWith(payments), message!.body), deliver(handlerWith(payments), message!.body)]);
    await deliver(handlerWith(payments), message!.body);
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
    expect(await refundRow(order.orderId)).toMatchObject({ status: "SUCCEEDED", providerRefundId: refundsAtStripe(order.paymentId)[0]!.id });
  });
});

describe("kitchen cancel of an order paid online", () => {
  it("refunds, then tells the customer", async () => {
    worker = await startTestWorker(stack, { payments });
    const order = await paidOrder("Ed");
    await markQueued(stack.prisma, order.orderId);
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId, reason: "Out of oat milk", barista: "Sam" });
    // Owed in the cancel's own statement; the order.cancelled message carries it (no payment.refund).
    expect(await refundRow(order.orderId)).toMatchObject({ amountCents: order.totalCents, attempt: 1 });
    expect(await outbox(order.orderId, "payment.refund")).toEqual([]);
    expect(await stack.prisma.auditLog.findFirst({ where: { orderId: order.orderId, action: "order.cancel" }, select: { summary: true } })).toEqual({
      summary: expect.stringContaining("the online payment is being refunded"),
    });

    const event = await waitFor(async () => (await stack.prisma.outboxMessage.findMany({ where: { orderId: order.orderId, destination: "EVENTS_TOPIC", type: "order.cancelled" } }))[0], {
      what: "the cancellation announced",
    });
    const refund = await refundRow(order.orderId);
    expect(refund).toMatchObject({ status: "SUCCEEDED" });
    expect(refund!.settledAt!.getTime()).toBeLessThanOrEqual(event.createdAt.getTime());
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
    expect(await paymentStatus(order.orderId)).toBe("REFUNDED");
  });

  it("a spam cancel still refunds (through a payment.refund message) and tells nobody", async () => {
    worker = await startTestWorker(stack, { payments });
    const order = await paidOrder("Spammy");
    await markQueued(stack.prisma, order.orderId);
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId, reason: SPAM_CANCEL_REASON, spam: true });
    expect(await outbox(order.orderId, "order.cancelled")).toEqual([]);
    expect(await outbox(order.orderId, "payment.refund")).toHaveLength(1);
    await waitForRefund(order.orderId, "SUCCEEDED");
    expect(refundsAtStripe(order.paymentId)).toHaveLength(1);
    await waitFor(async () => (await outbox(order.orderId, "payment.refund"))[0]!.processedAt, { what: "the refund message processed" });
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: order.orderId, destination: "EVENTS_TOPIC" } })).toBe(0);
    expect(await stack.prisma.notification.count({ where: { orderId: order.orderId } })).toBe(0);
  });
});

describe("nothing to refund", () => {
  it("a pay-at-pickup order, or one chosen to pay online but never paid, owes no refund however it is cancelled", async () => {
    const atPickup = await placeTestOrder(stack, { customerName: "Fi" });
    expect(await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: atPickup.publicToken })).toEqual({ status: "CANCELLED", refund: null });

    const unpaid = await placeTestOrder(stack, { customerName: "Gus" });
    await stack.prisma.order.update({ where: { id: unpaid.orderId }, data: { paymentMethod: "ONLINE", status: "QUEUED" } });
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: unpaid.orderId, reason: "Closing early" });

    const spam = await placeTestOrder(stack, { customerName: "Hal" });
    await markQueued(stack.prisma, spam.orderId);
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: spam.orderId, reason: SPAM_CANCEL_REASON, spam: true });

    const ids = [atPickup.orderId, unpaid.orderId, spam.orderId];
    expect(await stack.prisma.order.count({ where: { id: { in: ids }, status: "CANCELLED" } })).toBe(3);
    expect(await stack.prisma.refund.count({ where: { orderId: { in: ids } } })).toBe(0);
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: { in: ids }, type: "payment.refund" } })).toBe(0);
  });
});

describe("when the refund does not go through", () => {
  it("a refusal is recorded as FAILED with the reason and the message is done (no retry loop)", async () => {
    const order = await paidOrder("Ivy");
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    const [message] = await outbox(order.orderId, "payment.refund");
    standIn.failRefunds("charge_disputed");
    const refund = vi.spyOn(provider, "refund");
    const handle = handlerWith(payments);
    await deliver(handle, message!.body);
    expect(await refundRow(order.orderId)).toMatchObject({
      status: "FAILED",
      // The SDK's message may lead with Stripe's request id, which support asks for.
      lastError: expect.stringMatching(/^The payment provider refused the refund: (\[req_\w+\] )?The refund was declined \(charge_disputed\)\.$/),
      settledAt: null,
    });
    expect((await outbox(order.orderId, "payment.refund"))[0]!.processedAt).toBeInstanceOf(Date);
    expect(await paymentStatus(order.orderId)).toBe("PAID");
    // Redelivered anyway: the failed attempt is not asked again (a manager's Retry raises it).
    await deliver(handle, message!.body);
    expect(refund).toHaveBeenCalledTimes(1);
    expect(refundsAtStripe(order.paymentId)).toEqual([]);
    expect(await stack.prisma.auditLog.count({ where: { orderId: order.orderId, action: "payment.refund.failed" } })).toBe(1);
  });

  it("online payments switched off since: FAILED, refund at the till", async () => {
    const order = await paidOrder("Jo");
    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: order.publicToken });
    const [message] = await outbox(order.orderId, "payment.refund");
    await deliver(handlerWith({ online: null }), message!.body);
    expect(await refundRow(order.orderId)).toMatchObject({ status: "FAILED", lastError: "Online payments are switched off; refund at the till" });
  });

  it("the provider out of reach: the handler throws (the queue redelivers), the refund stays PENDING and the customer is not told yet", async () => {
    const away = await startStripeStandIn();
    const awayProvider = createStripeProvider({ secretKey: away.secretKey, webhookSecret: away.webhookSecret, apiUrl: away.url });
    const customer = await paidOrder("Kim", { provider: awayProvider, standIn: away });
    const kitchen = await paidOrder("Lu", { provider: awayProvider, standIn: away });
    await away.close();

    await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: customer.publicToken });
    const [refundMessage] = await outbox(customer.orderId, "payment.refund");
    const handle = handlerWith({ online: awayProvider });
    await expect(deliver(handle, refundMessage!.body)).rejects.toThrow();
    expect(await refundRow(customer.orderId)).toMatchObject({ status: "PENDING", lastError: null });
    expect((await outbox(customer.orderId, "payment.refund"))[0]!.processedAt).toBeNull();

    await markQueued(stack.prisma, kitchen.orderId);
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: kitchen.orderId, reason: "Machine broke" });
    const [cancelled] = await outbox(kitchen.orderId, "order.cancelled");
    await expect(deliver(handle, cancelled!.body)).rejects.toThrow();
    expect(await refundRow(kitchen.orderId)).toMatchObject({ status: "PENDING" });
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: kitchen.orderId, destination: "EVENTS_TOPIC" } })).toBe(0);
    expect((await outbox(kitchen.orderId, "order.cancelled"))[0]!.processedAt).toBeNull();
  });
});
