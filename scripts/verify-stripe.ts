import { randomBytes } from "node:crypto";
import { PaymentSignatureError, type CheckoutSession } from "../lib/payments/payment-provider.ts";
import { createStripeClient, createStripeProvider } from "../lib/payments/stripe-provider.ts";

// `npm run verify:stripe`: Brewline's Stripe provider against real Stripe in test mode, the
// check the local stand-in (a test double) cannot give. Creates and expires a checkout,
// pays a PaymentIntent with Stripe's test card and refunds it twice with one idempotency key,
// and verifies webhook signatures. Test mode moves no money; live keys are refused.
//   STRIPE_SECRET_KEY=sk_test_… npm run verify:stripe
// STRIPE_API_URL (optional) points it at the stand-in instead, to check the script itself.

const secretKey = process.env.STRIPE_SECRET_KEY ?? "";
const apiUrl = process.env.STRIPE_API_URL || undefined;

if (!secretKey) {
  console.log(`Checks Brewline's Stripe integration against Stripe's test mode (no money moves).

  STRIPE_SECRET_KEY=sk_test_… npm run verify:stripe

Take the test secret key from the Stripe dashboard (Developers → API keys, "Test mode" on).
STRIPE_WEBHOOK_SECRET is optional (a made-up one is used to sign and verify locally).`);
  process.exit(2);
}
if (!/^(sk|rk)_test_/.test(secretKey)) {
  console.error("Refusing: STRIPE_SECRET_KEY is not a test-mode key (sk_test_… or rk_test_…). This script creates payments and refunds.");
  process.exit(2);
}

const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET || `whsec_verify_${randomBytes(16).toString("hex")}`;
const provider = createStripeProvider({ secretKey, webhookSecret, apiUrl });
const stripe = createStripeClient({ secretKey, apiUrl });

let failures = 0;

/** Runs one check and prints PASS or FAIL; a check that needs a failed one's result is skipped. */
async function step<T>(name: string, check: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await check();
    console.log(`PASS  ${name}`);
    return value;
  } catch (error) {
    failures++;
    console.log(`FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function expectThat(condition: boolean, message: string) {
  if (!condition) throw new Error(message);
}

function expectSession(session: CheckoutSession, expected: Partial<CheckoutSession>) {
  for (const [key, value] of Object.entries(expected)) {
    expectThat(session[key as keyof CheckoutSession] === value, `${key} is ${JSON.stringify(session[key as keyof CheckoutSession])}, expected ${JSON.stringify(value)}`);
  }
}

console.log(`Verifying the Stripe provider against ${apiUrl ? `${apiUrl} (not Stripe: a stand-in)` : "Stripe test mode"}\n`);
const orderId = `verify-${Date.now()}`;
const request = {
  orderId,
  ticketNumber: 1,
  currency: "EUR",
  lines: [{ name: "Flat white (Brewline verify)", quantity: 1, unitAmount: 350 }],
  addedTax: 0,
  tip: 50,
  total: 400,
  customerEmail: null,
  returnUrl: `https://example.com/orders/${orderId}`,
  expiresAt: new Date(Date.now() + 31 * 60_000),
};

const created = await step("create a checkout session for a fake order (EUR 4.00, tip included)", async () => {
  const session = await provider.createCheckout(request);
  expectSession(session, { status: "open", paid: false, amountTotal: 400, currency: "EUR", orderId });
  expectThat(Boolean(session.url), "the session has no hosted page URL");
  return session;
});
if (created) {
  await step("create it again (same order): the same session", async () => expectSession(await provider.createCheckout(request), { id: created.id }));
  await step("retrieve it", async () => expectSession(await provider.getCheckout(created.id), { id: created.id, status: "open", orderId }));
  await step("expire it", async () => expectSession(await provider.expireCheckout(created.id), { status: "expired", url: null, paid: false }));
  await step("expire it again: answered as it is", async () => expectSession(await provider.expireCheckout(created.id), { status: "expired" }));
}

const intent = await step("pay a PaymentIntent with the test card pm_card_visa", async () => {
  const paid = await stripe.paymentIntents.create({
    amount: 400,
    currency: "eur",
    payment_method: "pm_card_visa",
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    metadata: { orderId },
  });
  expectThat(paid.status === "succeeded", `status is ${paid.status}`);
  return paid;
});
if (intent) {
  const refund = () => provider.refund({ paymentId: intent.id, amount: 400, idempotencyKey: `brewline-verify-refund-${orderId}`, orderId });
  await step("refund it twice with one idempotency key: one refund", async () => {
    const [first, second] = [await refund(), await refund()];
    expectThat(first.id === second.id, `two refunds: ${first.id} and ${second.id}`);
    expectThat(first.status === "succeeded" || first.status === "pending", `refund status ${first.status}`);
    const listed = await stripe.refunds.list({ payment_intent: intent.id });
    expectThat(listed.data.length === 1, `${listed.data.length} refunds at Stripe`);
  });
  await step("refund it with another key: already refunded counts as done", async () => {
    const again = await provider.refund({ paymentId: intent.id, amount: 400, idempotencyKey: `brewline-verify-refund-${orderId}-2`, orderId });
    expectThat(again.id === "already_refunded" && again.status === "succeeded", `answered ${JSON.stringify(again)}`);
  });
}

await step("verify a signed webhook, and reject a tampered one and a wrong secret", async () => {
  const object = created ? await stripe.checkout.sessions.retrieve(created.id) : { id: "cs_test_verify", object: "checkout.session", status: "expired", payment_status: "unpaid", amount_total: 400, currency: "eur" };
  const payload = JSON.stringify({ id: `evt_verify_${orderId}`, object: "event", type: "checkout.session.expired", created: Math.floor(Date.now() / 1000), livemode: false, data: { object } });
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  const event = provider.parseWebhook(payload, header);
  expectThat(event.type === "checkout.session.expired" && event.session?.id === object.id, `parsed ${JSON.stringify(event)}`);
  const rejects = (body: string, signature: string) => {
    try {
      provider.parseWebhook(body, signature);
      return false;
    } catch (error) {
      return error instanceof PaymentSignatureError;
    }
  };
  expectThat(rejects(payload.replace('"livemode":false', '"livemode":true'), header), "a tampered body was accepted");
  expectThat(rejects(payload, stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" })), "another secret's signature was accepted");
});

console.log(failures ? `\n${failures} check(s) failed` : "\nAll checks passed");
process.exit(failures ? 1 : 0);
