import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "../../app/api/orders/[token]/cancel/route.ts";
import { POST as checkoutRoute } from "../../app/api/orders/[token]/checkout/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { getConfig } from "../../lib/config.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import type { PlaceOrderInput } from "../../lib/orders/order-input.ts";
import { paymentsOf } from "../../lib/payments/payments-of-config.ts";
import { reconcilePayments } from "../../lib/payments/reconcile-payments.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";
import { orderInput } from "../support/worker-harness.ts";

// "Pay now" on the customer's status page (POST /api/orders/[token]/checkout) and what the
// status view says about paying, against the local Stripe stand-in through the route's own
// configuration (PAYMENTS=stripe). The flow behind it (webhooks, reconciler, refunds) is
// covered by online-payment.test.ts.

const ctx = setupRouteTestStack();
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  // Read by the route's getConfig on its first call, after the stack's own environment.
  Object.assign(process.env, {
    PAYMENTS: "stripe",
    STRIPE_SECRET_KEY: standIn.secretKey,
    STRIPE_WEBHOOK_SECRET: standIn.webhookSecret,
    STRIPE_API_URL: standIn.url,
    PUBLIC_BASE_URL: "http://localhost:3000",
  });
});
afterAll(async () => {
  await standIn?.close().catch(() => {});
});

const place = (overrides: Partial<PlaceOrderInput> = {}) =>
  placeOrder({ prisma: ctx.stack.prisma, transport: ctx.stack.transport, timeZone: "UTC", onlinePayments: true, input: orderInput(overrides) });

const params = (token: string) => ({ params: Promise.resolve({ token }) });

type Answer = { status: number; body: { checkoutUrl?: string; error?: { code: string; message: string } } };

async function payNow(token: string): Promise<Answer> {
  const r = await checkoutRoute(new Request(`http://localhost/api/orders/${token}/checkout`, { method: "POST" }), params(token));
  return { status: r.status, body: (await r.json()) as Answer["body"] };
}

async function view(token: string) {
  const r = await orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), params(token));
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, unknown>;
}

describe("POST /api/orders/[token]/checkout", () => {
  it("opens the order's hosted checkout, the same one again, while the status view waits for the payment", async () => {
    const placed = await place({ payment: "online", tip: { percent: 15 } });
    const first = await payNow(placed.publicToken);
    expect(first.status).toBe(200);
    expect(first.body.checkoutUrl).toMatch(new RegExp(`^${standIn.url}`));
    expect(await payNow(placed.publicToken)).toEqual(first);
    expect(standIn.sessions()).toContainEqual(expect.objectContaining({ amount_total: placed.totalCents }));

    const waiting = await view(placed.publicToken);
    expect(waiting).toMatchObject({
      status: "AWAITING_PAYMENT",
      paymentMethod: "ONLINE",
      paymentStatus: "UNPAID",
      tipCents: placed.tipCents,
      taxIncluded: false,
      refund: null,
      // Not in the kitchen: no place in its queue, no time promised, nothing to cancel there.
      queuePosition: null,
      etaMinutes: null,
      canCancel: false,
    });
    expect(placed.tipCents).toBeGreaterThan(0);
    const expiresAt = Date.parse((waiting.checkout as { expiresAt: string }).expiresAt);
    expect(expiresAt).toBeGreaterThan(Date.now() + 29 * 60_000);
  });

  it("refuses once paid, shows it paid, and follows the refund when the customer cancels", async () => {
    const placed = await place({ payment: "online", tip: { amount: 25 } });
    const { body } = await payNow(placed.publicToken);
    await standIn.pay(body.checkoutUrl!.split("/").pop()!);
    // No webhook endpoint here: the reconciler finds the payment, as it does for a lost webhook.
    const config = getConfig();
    await reconcilePayments({ prisma: ctx.stack.prisma, transport: ctx.stack.transport, payments: paymentsOf(config), afterSeconds: 10, expiresMinutes: 30, now: new Date(Date.now() + 60_000) });

    expect(await view(placed.publicToken)).toMatchObject({ status: "PLACED", paymentStatus: "PAID", checkout: null, tipCents: 25, refund: null });
    expect(await payNow(placed.publicToken)).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });

    const cancelled = await cancelRoute(new Request(`http://localhost/api/orders/${placed.publicToken}/cancel`, { method: "POST" }), params(placed.publicToken));
    expect(cancelled.status).toBe(200);
    expect(await view(placed.publicToken)).toMatchObject({ status: "CANCELLED", refund: { status: "PENDING", amountCents: placed.totalCents } });
  });

  it("refuses an order paid at pickup, and answers 404 for an unknown or malformed link", async () => {
    const atPickup = await place();
    expect(await payNow(atPickup.publicToken)).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect(await view(atPickup.publicToken)).toMatchObject({ paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID", checkout: null, refund: null, tipCents: 0 });
    expect((await payNow("A".repeat(32))).status).toBe(404);
    expect((await payNow("not a token")).status).toBe(404);
  });

  it("says so when the payment provider cannot be reached, and the order keeps waiting", async () => {
    const placed = await place({ payment: "online" });
    await standIn.close();
    const answer = await payNow(placed.publicToken);
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "UNAVAILABLE" } } });
    expect(await view(placed.publicToken)).toMatchObject({ status: "AWAITING_PAYMENT", paymentStatus: "UNPAID" });
  }, 30_000);
});
