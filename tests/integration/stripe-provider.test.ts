import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PaymentSignatureError, type CheckoutRequest, type OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import { checkoutRequest, paidCheckout } from "../support/checkout-request.ts";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";
import { waitFor } from "../support/worker-harness.ts";

// The real provider, through the real Stripe SDK, against the local stand-in: the requests
// it sends are the ones Stripe receives (form-encoded, idempotency keys, bearer key), and
// the webhooks it verifies are signed the way Stripe signs them.

type Received = { body: string; signature: string | null };

let standIn: StripeStandIn;
let provider: OnlinePaymentProvider;
let hook: Server;
let received: Received[] = [];
let failNextWebhooks = 0;

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: (req.headers["stripe-signature"] as string | undefined) ?? null });
      res.writeHead(failNextWebhooks-- > 0 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  standIn = await startStripeStandIn({ webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/payments/stripe/webhook` });
  provider = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url });
});

afterAll(async () => {
  await standIn?.close();
  await new Promise((resolve) => hook?.close(resolve));
});

beforeEach(() => {
  received = [];
  failNextWebhooks = 0;
  standIn.setWebhookMode("normal");
  standIn.setWebhookDelay(0);
  standIn.setRefundDelay(0);
  standIn.failRefunds(null);
});

const parsed = () => received.map((r) => provider.parseWebhook(r.body, r.signature));
const standInSession = (id: string) => standIn.sessions().find((s) => s.id === id)!;
const hostedPage = async (url: string) => (await fetch(url)).text();

/** An order paid through the stand-in, and its payment id. */
const paidOrder = (overrides: Partial<CheckoutRequest> = {}) => paidCheckout(provider, standIn, checkoutRequest(overrides));

describe("createCheckout", () => {
  it("creates an open hosted checkout with the order's lines, tax, tip, email and return links", async () => {
    const request = checkoutRequest();
    const session = await provider.createCheckout(request);
    expect(session).toMatchObject({ status: "open", paid: false, paymentId: null, orderId: request.orderId, amountTotal: 1534, currency: "USD" });
    expect(session.url).toBe(`${standIn.url}/pay/${session.id}`);
    expect(session.id).toMatch(/^cs_test_/);

    const stored = standInSession(session.id);
    expect(stored).toMatchObject({
      mode: "payment",
      currency: "usd",
      client_reference_id: request.orderId,
      metadata: { orderId: request.orderId, ticketNumber: String(request.ticketNumber) },
      customer_email: "ada@example.com",
      success_url: `${request.returnUrl}?paid=1`,
      cancel_url: request.returnUrl,
      expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    });
    const page = await hostedPage(session.url!);
    for (const text of ["Latte × 2", "$9.00", "Croissant", "$3.25", "Sales tax", "$1.09", "Tip", "$2.00", "$15.34", 'data-testid="standin-pay"', 'data-testid="standin-cancel"']) {
      expect(page).toContain(text);
    }
  });

  it("sends no tax or tip line when there is none, and keeps an existing query in the return URL", async () => {
    const request = checkoutRequest({ addedTax: 0, tip: 0, total: 1225, customerEmail: null, returnUrl: "http://localhost:3000/orders/x?lang=de" });
    const session = await provider.createCheckout(request);
    const page = await hostedPage(session.url!);
    expect(page).not.toContain("Sales tax");
    expect(page).not.toContain("Tip");
    expect(standInSession(session.id)).toMatchObject({ customer_email: null, success_url: "http://localhost:3000/orders/x?lang=de&paid=1" });
  });

  it("returns the same session when asked again for the same order", async () => {
    const request = checkoutRequest();
    const first = await provider.createCheckout(request);
    const again = await provider.createCheckout(request);
    expect(again.id).toBe(first.id);
    expect(standIn.sessions().filter((s) => s.client_reference_id === request.orderId)).toHaveLength(1);
  });

  it("refuses a changed request for the same order (Stripe's idempotency error), creating nothing", async () => {
    const request = checkoutRequest();
    await provider.createCheckout(request);
    await expect(provider.createCheckout({ ...request, tip: 300, total: 1634 })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(standIn.sessions().filter((s) => s.client_reference_id === request.orderId)).toHaveLength(1);
  });

  it("throws when the session's total is not the order's total, leaving no page to pay", async () => {
    const request = checkoutRequest({ total: 1500 });
    await expect(provider.createCheckout(request)).rejects.toThrow(/totals 1534 but order .* totals 1500/);
    expect(standIn.sessions().filter((s) => s.client_reference_id === request.orderId).map((s) => s.status)).toEqual(["expired"]);
  });

  it("passes JPY amounts through unchanged (yen have no minor units)", async () => {
    const request = checkoutRequest({ currency: "JPY", lines: [{ name: "抹茶ラテ", quantity: 2, unitAmount: 550 }], addedTax: 0, tip: 100, total: 1200 });
    const session = await provider.createCheckout(request);
    expect(session).toMatchObject({ amountTotal: 1200, currency: "JPY" });
    expect(standInSession(session.id)).toMatchObject({ currency: "jpy", amount_total: 1200 });
    const page = await hostedPage(session.url!);
    expect(page).toContain("¥1,200");
    expect(page).toContain("抹茶ラテ × 2");
  });
});

describe("paying and webhooks", () => {
  it("sends checkout.session.completed, which parseWebhook verifies and maps", async () => {
    const request = checkoutRequest();
    const session = await provider.createCheckout(request);
    await standIn.pay(session.id);
    const [event, ...rest] = parsed();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: "checkout.session.completed", session: { id: session.id, status: "complete", paid: true, orderId: request.orderId, amountTotal: 1534, url: null } });
    expect(event!.id).toMatch(/^evt_/);
    expect(event!.session!.paymentId).toMatch(/^pi_/);
    expect(await provider.getCheckout(session.id)).toEqual(event!.session);
  });

  it("pays through the hosted page: Pay redirects to the success URL, a second press too", async () => {
    const request = checkoutRequest();
    const session = await provider.createCheckout(request);
    for (let press = 0; press < 2; press++) {
      const res = await fetch(session.url!, { method: "POST", redirect: "manual" });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`${request.returnUrl}?paid=1`);
    }
    expect(parsed().map((e) => e.type)).toEqual(["checkout.session.completed"]);
    expect(await hostedPage(session.url!)).toContain("Already paid");
  });

  it("rejects a tampered body, a wrong secret and a missing signature", async () => {
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    const [{ body, signature } = { body: "", signature: null }] = received;
    expect(provider.parseWebhook(body, signature).type).toBe("checkout.session.completed");
    expect(() => provider.parseWebhook(body.replace('"amount_total":1534', '"amount_total":1'), signature)).toThrow(PaymentSignatureError);
    const otherSecret = createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: "whsec_not_the_endpoints", apiUrl: standIn.url });
    expect(() => otherSecret.parseWebhook(body, signature)).toThrow(PaymentSignatureError);
    expect(() => provider.parseWebhook(body, null)).toThrow(PaymentSignatureError);
    expect(() => provider.parseWebhook(body, "t=1,v1=00")).toThrow(PaymentSignatureError);
  });

  it("parses other events without a session", () => {
    const payload = JSON.stringify({ id: "evt_other", object: "event", type: "charge.refunded", data: { object: { id: "ch_1", object: "charge" } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: standIn.webhookSecret });
    expect(provider.parseWebhook(payload, signature)).toEqual({ id: "evt_other", type: "charge.refunded", session: null });
  });

  it("delivers the same event twice in duplicate mode", async () => {
    standIn.setWebhookMode("duplicate");
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    const events = parsed();
    expect(events).toHaveLength(2);
    expect(events[1]!.id).toBe(events[0]!.id);
  });

  it("loses an event in drop mode, which resend delivers later", async () => {
    standIn.setWebhookMode("drop");
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    expect(received).toHaveLength(0);
    const lost = standIn.events().find((e) => (e.data.object as { id: string }).id === session.id)!;
    await standIn.resend(lost.id);
    expect(parsed().map((e) => e.id)).toEqual([lost.id]);
  });

  it("delays delivery: the customer is back before the webhook", async () => {
    standIn.setWebhookDelay(300);
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    expect(received).toHaveLength(0);
    await waitFor(async () => received.length === 1, { timeoutMs: 5000, what: "the delayed webhook" });
  });

  it("retries a delivery the endpoint failed", async () => {
    failNextWebhooks = 1;
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    await waitFor(async () => received.length === 2, { timeoutMs: 5000, what: "the retried webhook" });
    const [first, second] = parsed();
    expect(second!.id).toBe(first!.id);
  });

  it("sends an older event after a newer one, for out-of-order handling", async () => {
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.pay(session.id);
    const completed = parsed()[0]!;
    await standIn.sendEvent("checkout.session.async_payment_succeeded", session.id);
    await standIn.resend(completed.id);
    expect(parsed().map((e) => e.type)).toEqual(["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.completed"]);
  });
});

describe("expireCheckout", () => {
  it("expires an open session and sends checkout.session.expired", async () => {
    const session = await provider.createCheckout(checkoutRequest());
    const expired = await provider.expireCheckout(session.id);
    expect(expired).toMatchObject({ id: session.id, status: "expired", paid: false, url: null, paymentId: null });
    await waitFor(async () => received.length === 1, { timeoutMs: 5000, what: "the expired webhook" });
    expect(parsed()[0]).toMatchObject({ type: "checkout.session.expired", session: { id: session.id, status: "expired" } });
    expect(await hostedPage(session.url!)).toContain("This checkout has expired");
    const pay = await fetch(session.url!, { method: "POST", redirect: "manual" });
    expect(pay.status).toBe(410);
  });

  it("answers a session paid a moment before as it is, and an expired one as expired", async () => {
    const paid = await paidOrder();
    expect(await provider.expireCheckout(paid.id)).toMatchObject({ status: "complete", paid: true, paymentId: paid.paymentId });
    const session = await provider.createCheckout(checkoutRequest());
    await standIn.expire(session.id);
    expect(await provider.expireCheckout(session.id)).toMatchObject({ status: "expired", paid: false });
  });

  it("throws for a session that does not exist", async () => {
    await expect(provider.expireCheckout("cs_test_nope")).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
