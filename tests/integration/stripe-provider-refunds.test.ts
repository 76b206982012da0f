import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../lib/embedded/free-port.ts";
import { PaymentDeclinedError, type OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import { paidCheckout } from "../support/checkout-request.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";
import { waitFor } from "../support/worker-harness.ts";

// Refunds through the real provider and SDK against the local stand-in: Stripe's
// idempotency (one refund per key), its refusals, and what a retry may fix.
// (Checkouts and webhooks: stripe-provider.test.ts.)

let standIn: StripeStandIn;
let provider: OnlinePaymentProvider;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  provider = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
});

afterAll(async () => {
  await standIn?.close();
});

beforeEach(() => {
  standIn.setRefundDelay(0);
  standIn.failRefunds(null);
});

const paidOrder = () => paidCheckout(provider, standIn);

describe("refund", () => {
  it("refunds once for one idempotency key, however often it is asked", async () => {
    const { paymentId, orderId } = await paidOrder();
    const ask = () => provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-1`, orderId: orderId! });
    const first = await ask();
    const second = await ask();
    expect(first).toMatchObject({ status: "succeeded", failureReason: null });
    expect(first.id).toMatch(/^re_/);
    expect(second).toEqual(first);
    expect(standIn.refunds().filter((r) => r.paymentIntent === paymentId)).toEqual([{ id: first.id, paymentIntent: paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-1` }]);
  });

  it("takes a new key on a fully refunded payment as succeeded, refunding nothing more", async () => {
    const { paymentId, orderId } = await paidOrder();
    await provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-1`, orderId: orderId! });
    expect(await provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-2`, orderId: orderId! })).toEqual({ id: "already_refunded", status: "succeeded", failureReason: null });
    expect(standIn.refunds().filter((r) => r.paymentIntent === paymentId)).toHaveLength(1);
  });

  it("refunds in parts, and declines more than what is left", async () => {
    const { paymentId, orderId } = await paidOrder();
    await provider.refund({ paymentId, amount: 1000, idempotencyKey: `refund-${orderId}-a`, orderId: orderId! });
    const tooMuch = provider.refund({ paymentId, amount: 1000, idempotencyKey: `refund-${orderId}-b`, orderId: orderId! });
    await expect(tooMuch).rejects.toMatchObject({ name: "PaymentDeclinedError", code: "amount_too_large" });
    expect(await provider.refund({ paymentId, amount: 534, idempotencyKey: `refund-${orderId}-c`, orderId: orderId! })).toMatchObject({ status: "succeeded" });
  });

  it("turns a card error into PaymentDeclinedError with Stripe's code", async () => {
    const { paymentId, orderId } = await paidOrder();
    standIn.failRefunds("expired_or_canceled_card");
    const refused = provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-1`, orderId: orderId! });
    await expect(refused).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(refused).rejects.toMatchObject({ code: "expired_or_canceled_card" });
    standIn.failRefunds(null);
    expect(await provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-2`, orderId: orderId! })).toMatchObject({ status: "succeeded" });
  });

  it("declines a refund of a payment Stripe does not know", async () => {
    await expect(provider.refund({ paymentId: "pi_unknown", amount: 100, idempotencyKey: `refund-unknown-${Date.now()}`, orderId: "x" })).rejects.toMatchObject({
      name: "PaymentDeclinedError",
      code: "resource_missing",
    });
  });

  it("rethrows what a retry may fix: a request still in progress (409), a wrong key, no connection", async () => {
    const { paymentId, orderId } = await paidOrder();
    standIn.setRefundDelay(6000);
    const key = `refund-${orderId}-1`;
    const slow = provider.refund({ paymentId, amount: 1534, idempotencyKey: key, orderId: orderId! });
    await waitFor(async () => standIn.refunds().some((r) => r.paymentIntent === paymentId), { what: "the refund at the stand-in" });
    const concurrent = await provider.refund({ paymentId, amount: 1534, idempotencyKey: key, orderId: orderId! }).catch((e: unknown) => e);
    expect(concurrent).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(concurrent).toMatchObject({ statusCode: 409 });
    const done = await slow;
    expect(await provider.refund({ paymentId, amount: 1534, idempotencyKey: key, orderId: orderId! })).toEqual(done);
    expect(standIn.refunds().filter((r) => r.paymentIntent === paymentId)).toHaveLength(1);

    const wrongKey = createStripeProvider({ secretKey: "sk_test_wrong", webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
    await expect(wrongKey.refund({ paymentId, amount: 1, idempotencyKey: `${key}-w`, orderId: orderId! })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const nobody = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: `http://127.0.0.1:${await freePort()}` });
    await expect(nobody.refund({ paymentId, amount: 1, idempotencyKey: `${key}-n`, orderId: orderId! })).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });
});
