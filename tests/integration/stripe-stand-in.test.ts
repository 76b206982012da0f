import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import type { OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import { checkoutRequest } from "../support/checkout-request.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";

// The stand-in itself, spoken to as other processes do (the e2e shops, a curl by hand):
// Stripe's status codes and error shapes, idempotent replays, and the /__standin/ controls.
// How Brewline's provider fares against it is tests/integration/stripe-provider.test.ts.

let standIn: StripeStandIn;
let provider: OnlinePaymentProvider;
beforeAll(async () => {
  standIn = await startStripeStandIn();
  provider = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
});
afterAll(() => standIn?.close());

async function paidOrder() {
  const request = checkoutRequest();
  const session = await provider.createCheckout(request);
  await standIn.pay(session.id);
  return { orderId: request.orderId, paymentId: (await provider.getCheckout(session.id)).paymentId! };
}

describe("the stand-in over plain HTTP, as Stripe answers", () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${standIn.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${standIn.secretKey}`, "content-type": "application/x-www-form-urlencoded", ...headers }, body });
  const form = (amount: number) =>
    `mode=payment&success_url=${encodeURIComponent("http://localhost/ok")}&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=${amount}&line_items[0][price_data][product_data][name]=Tea`;

  it("refuses a request without the secret key (401)", async () => {
    const res = await fetch(`${standIn.url}/v1/checkout/sessions`, { method: "POST", body: form(300) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("replays an idempotent request and refuses the key with other parameters", async () => {
    const key = `raw-${Date.now()}`;
    const first = await post("/v1/checkout/sessions", form(300), { "idempotency-key": key });
    const again = await post("/v1/checkout/sessions", form(300), { "idempotency-key": key });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const other = await post("/v1/checkout/sessions", form(400), { "idempotency-key": key });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: { type: "idempotency_error" } });
  });

  it("refuses bad parameters with Stripe's error shape and the parameter's name", async () => {
    const res = await post("/v1/checkout/sessions", form(300).replace("unit_amount]=300", "unit_amount]=3.5"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { type: "invalid_request_error", code: "parameter_invalid_integer", param: "line_items[0][price_data][unit_amount]", message: "Invalid integer: 3.5" } });
    const missing = await fetch(`${standIn.url}/v1/checkout/sessions/cs_test_missing`, { headers: { authorization: `Bearer ${standIn.secretKey}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "resource_missing" } });
  });
});

describe("the stand-in's HTTP controls (for other processes)", () => {
  it("sets failing refunds and lists refunds and sessions", async () => {
    const { paymentId, orderId } = await paidOrder();
    const control = (path: string, body: unknown) => fetch(`${standIn.url}/__standin/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await control("fail-refunds", { code: "card_declined" })).status).toBe(200);
    await expect(provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-1`, orderId: orderId! })).rejects.toMatchObject({ code: "card_declined" });
    await control("fail-refunds", { code: null });
    const refund = await provider.refund({ paymentId, amount: 1534, idempotencyKey: `refund-${orderId}-2`, orderId: orderId! });
    const refunds = (await (await fetch(`${standIn.url}/__standin/refunds`)).json()) as { id: string }[];
    expect(refunds.map((r) => r.id)).toContain(refund.id);
    const sessions = (await (await fetch(`${standIn.url}/__standin/sessions`)).json()) as { payment_intent: string }[];
    expect(sessions.map((s) => s.payment_intent)).toContain(paymentId);
    expect((await control("webhook-mode", { mode: "sometimes" })).status).toBe(400);
  });
});
