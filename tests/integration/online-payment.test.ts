import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrderStatus } from "../../lib/orders/get-order-status.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import type { PlaceOrderInput } from "../../lib/orders/order-input.ts";
import type { Payments } from "../../lib/payments/payments-of-config.ts";
import { receivePaymentWebhook } from "../../lib/payments/receive-payment-webhook.ts";
import { reconcilePayments } from "../../lib/payments/reconcile-payments.ts";
import { startCheckout } from "../../lib/payments/start-checkout.ts";
import { startOnlinePaymentStack, type OnlinePaymentStack } from "../support/online-payment-stack.ts";
import type { StripeStandIn } from "../support/stripe-stand-in.ts";
import type { TestStack } from "../support/test-stack.ts";
import { orderInput, waitFor } from "../support/worker-harness.ts";

// Paying online, end to end below the browser: the real Stripe SDK against the local stand-in
// (real signatures), the webhook handler behind a real HTTP endpoint, the real worker.

let env: OnlinePaymentStack;
let stack: TestStack;
let standIn: StripeStandIn;
let payments: Payments;

beforeAll(async () => {
  env = await startOnlinePaymentStack();
  ({ stack, standIn, payments } = env);
}, 60_000);
afterAll(() => env?.stop());

const place = (overrides: Partial<PlaceOrderInput> = {}, currency = "USD") =>
  placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", currency, onlinePayments: true, input: orderInput({ payment: "online", ...overrides }) });

const open = (publicToken: string, now?: Date) =>
  startCheckout({ prisma: stack.prisma, payments, publicToken, baseUrl: "http://localhost:3000", expiresMinutes: 30, now });

const sessionIdOf = (checkoutUrl: string) => checkoutUrl.split("/").pop()!;

const orderOf = (orderId: string) =>
  stack.prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, paymentStatus: true, tipCents: true, totalCents: true, outbox: { select: { type: true } }, refund: { select: { status: true } } },
  });

describe("paying online", () => {
  it("keeps the order away from the kitchen until the webhook says paid, then queues it once", async () => {
    const placed = await place({ tip: { percent: 15 } });
    expect(placed.status).toBe("AWAITING_PAYMENT");
    expect(placed.tipCents).toBe(Math.floor((2 * placed.subtotalCents * 15 + 100) / 200));
    expect(placed.totalCents).toBe(placed.subtotalCents + placed.taxCents + placed.tipCents);
    expect((await orderOf(placed.orderId)).outbox).toEqual([]);

    const { checkoutUrl } = await open(placed.publicToken);
    expect(await open(placed.publicToken)).toEqual({ checkoutUrl });
    const session = standIn.sessions().find((s) => s.id === sessionIdOf(checkoutUrl))!;
    expect(session.amount_total).toBe(placed.totalCents);

    // Some time passes without payment: still nothing for the kitchen.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await orderOf(placed.orderId)).status).toBe("AWAITING_PAYMENT");

    const paidFrom = new Date();
    await standIn.pay(session.id);
    await waitFor(async () => (await orderOf(placed.orderId)).status === "QUEUED", { timeoutMs: 15_000 });
    const order = await orderOf(placed.orderId);
    // Placed, for the kitchen's queue and the customer's page, when it was paid.
    const status = await getOrderStatus({ prisma: stack.prisma, where: { id: placed.orderId }, timeZone: "UTC" });
    expect(new Date(status!.view.placedAt).getTime()).toBeGreaterThanOrEqual(paidFrom.getTime());
    expect(order).toMatchObject({ paymentStatus: "PAID", outbox: [{ type: "order.placed" }] });
    await expect(open(placed.publicToken)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("applies a webhook delivered twice once, and ignores an expiry that arrives after the payment", async () => {
    const placed = await place();
    const { checkoutUrl } = await open(placed.publicToken);
    standIn.setWebhookMode("duplicate");
    try {
      await standIn.pay(sessionIdOf(checkoutUrl));
      await waitFor(async () => (await orderOf(placed.orderId)).status === "QUEUED", { timeoutMs: 15_000 });
    } finally {
      standIn.setWebhookMode("normal");
    }
    await waitFor(async () => env.webhook.outcomes.filter((o) => o === "duplicate").length >= 1, { timeoutMs: 5_000 });
    await standIn.sendEvent("checkout.session.expired", sessionIdOf(checkoutUrl));
    const order = await orderOf(placed.orderId);
    expect(order.status).toBe("QUEUED");
    expect(order.outbox.filter((o) => o.type === "order.placed")).toHaveLength(1);
  });

  it("settles a paid checkout whose webhook never came, through the worker's reconciler", async () => {
    const placed = await place();
    const { checkoutUrl } = await open(placed.publicToken);
    standIn.setWebhookMode("drop");
    try {
      await standIn.pay(sessionIdOf(checkoutUrl));
    } finally {
      standIn.setWebhookMode("normal");
    }
    expect((await orderOf(placed.orderId)).status).toBe("AWAITING_PAYMENT");
    const result = await reconcilePayments({ prisma: stack.prisma, transport: stack.transport, payments, afterSeconds: 10, expiresMinutes: 30, now: new Date(Date.now() + 60_000) });
    expect(result.outcomes).toContain("paid");
    await waitFor(async () => (await orderOf(placed.orderId)).status === "QUEUED", { timeoutMs: 15_000 });
  });

  it("expires an abandoned checkout at the provider and never sends the order to the kitchen", async () => {
    const placed = await place();
    const { checkoutUrl } = await open(placed.publicToken);
    const later = new Date(Date.now() + 32 * 60_000);
    const result = await reconcilePayments({ prisma: stack.prisma, transport: stack.transport, payments, afterSeconds: 10, expiresMinutes: 30, now: later });
    // Expiring it at the provider sends the checkout.session.expired webhook, which may settle
    // the order a moment before the reconciler's own settle does (then "unchanged"): either way once.
    expect(result.outcomes.length).toBeGreaterThan(0);
    for (const outcome of result.outcomes) expect(["expired", "unchanged"]).toContain(outcome);
    const order = await orderOf(placed.orderId);
    expect(order).toMatchObject({ status: "PAYMENT_EXPIRED", paymentStatus: "UNPAID", outbox: [] });
    expect(standIn.sessions().find((s) => s.id === sessionIdOf(checkoutUrl))?.status).toBe("expired");
    await expect(open(placed.publicToken)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refunds a payment that completes after the order was given up", async () => {
    const placed = await place();
    const { checkoutUrl } = await open(placed.publicToken);
    // The order was expired locally (say the reconciler's expire call was lost) just before the customer paid.
    await stack.prisma.order.update({ where: { id: placed.orderId }, data: { status: "PAYMENT_EXPIRED" } });
    await standIn.pay(sessionIdOf(checkoutUrl));
    await waitFor(async () => (await orderOf(placed.orderId)).refund?.status === "SUCCEEDED", { timeoutMs: 15_000 });
    const order = await orderOf(placed.orderId);
    expect(order.status).toBe("PAYMENT_EXPIRED");
    expect(order.paymentStatus).toBe("REFUNDED");
    expect(order.outbox.map((o) => o.type)).toEqual(["payment.refund"]);
    expect(standIn.refunds().filter((r) => r.amount === placed.totalCents && r.idempotencyKey?.includes(placed.orderId))).toHaveLength(1);
  });

  it("refuses a webhook that is not signed by the provider", async () => {
    await expect(
      receivePaymentWebhook({ prisma: stack.prisma, transport: stack.transport, payments, rawBody: '{"id":"evt_forged","type":"checkout.session.completed"}', signature: "t=1,v1=00" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("charges yen as whole yen", async () => {
    const placed = await place({ tip: { amount: 50 } }, "JPY");
    const { checkoutUrl } = await open(placed.publicToken);
    const session = standIn.sessions().find((s) => s.id === sessionIdOf(checkoutUrl))!;
    expect(session.currency).toBe("jpy");
    expect(session.amount_total).toBe(placed.totalCents);
    expect(placed.tipCents).toBe(50);
  });

  it("refuses online payment where the store takes none, and a tip on a pay-at-pickup order", async () => {
    await expect(
      placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", onlinePayments: false, input: orderInput({ payment: "online" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", onlinePayments: true, input: orderInput({ tip: { percent: 10 } }) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
