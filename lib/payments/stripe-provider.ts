import Stripe from "stripe";
import {
  PaymentDeclinedError,
  PaymentSignatureError,
  type CheckoutRequest,
  type CheckoutSession,
  type OnlinePaymentProvider,
  type RefundResult,
} from "./payment-provider.ts";

// Stripe hosted Checkout through the official SDK. No payment_method_types are sent, so
// Checkout offers whatever the dashboard enables (cards, Apple Pay, Google Pay, …). Every
// write carries an idempotency key, so a retried request (the SDK's own retries, or the
// worker's after a crash) never creates a second session or a second refund.

/** The API version this SDK release was built for; pinned so a dashboard upgrade changes nothing here. */
export const STRIPE_API_VERSION = "2026-11-18.endive" satisfies Stripe.LatestApiVersion;

export type StripeProviderOptions = {
  secretKey: string;
  webhookSecret: string;
  /** A local stand-in (tests), e.g. http://127.0.0.1:12111; unset means api.stripe.com. */
  apiUrl?: string;
};

/** The SDK client as Brewline configures it (pinned API version, timeouts, retries, host). */
export function createStripeClient(options: Pick<StripeProviderOptions, "secretKey" | "apiUrl">): Stripe {
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    appInfo: { name: "Brewline" },
    // Fail a customer's "Pay" within seconds rather than the SDK's 80 s; the SDK retries
    // connection errors, 409 and 5xx twice itself, with the same idempotency key.
    timeout: 10_000,
    maxNetworkRetries: 2,
    ...(options.apiUrl ? hostOf(options.apiUrl) : {}),
  });
}

export function createStripeProvider(options: StripeProviderOptions): OnlinePaymentProvider {
  const stripe = createStripeClient(options);

  return {
    name: "stripe",

    async createCheckout(request) {
      const session = await stripe.checkout.sessions.create(checkoutParams(request), {
        idempotencyKey: `brewline-checkout-${request.orderId}`,
      });
      if (session.amount_total !== request.total) {
        // Our lines disagree with our total: never leave a payable page for the wrong amount.
        await stripe.checkout.sessions.expire(session.id).catch(() => {});
        throw new Error(`Stripe checkout ${session.id} totals ${session.amount_total} but order ${request.orderId} totals ${request.total}`);
      }
      return toCheckoutSession(session);
    },

    async getCheckout(sessionId) {
      return toCheckoutSession(await stripe.checkout.sessions.retrieve(sessionId));
    },

    async expireCheckout(sessionId) {
      try {
        return toCheckoutSession(await stripe.checkout.sessions.expire(sessionId));
      } catch (error) {
        // Stripe refuses to expire a session that is no longer open (paid a moment ago, or
        // expired already): the caller wants to know which, so answer with it as it is.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        if (session.status === "open") throw error;
        return toCheckoutSession(session);
      }
    },

    async refund({ paymentId, amount, idempotencyKey, orderId }) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: paymentId, amount, metadata: { orderId } }, { idempotencyKey });
        return { id: refund.id, status: refundStatus(refund.status), failureReason: refund.failure_reason ?? null };
      } catch (error) {
        const declined = declinedOf(error);
        if (!declined) throw error;
        // Already fully refunded (by an earlier attempt, or by hand on the dashboard) is what we wanted.
        if (declined.code === "charge_already_refunded") return ALREADY_REFUNDED;
        throw declined;
      }
    },

    parseWebhook(rawBody, signatureHeader) {
      if (!signatureHeader) throw new PaymentSignatureError("The request has no Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, options.webhookSecret);
      } catch (error) {
        throw new PaymentSignatureError(error instanceof Error ? error.message : String(error));
      }
      const session = event.type.startsWith("checkout.session.") ? toCheckoutSession(event.data.object as Stripe.Checkout.Session) : null;
      return { id: event.id, type: event.type, session };
    },
  };
}

function hostOf(apiUrl: string): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

function checkoutParams(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  const currency = request.currency.toLowerCase();
  const line = (name: string, unitAmount: number, quantity: number) => ({
    price_data: { currency, product_data: { name }, unit_amount: unitAmount },
    quantity,
  });
  return {
    mode: "payment",
    line_items: [
      ...request.lines.map((l) => line(l.name, l.unitAmount, l.quantity)),
      ...(request.addedTax > 0 ? [line("Sales tax", request.addedTax, 1)] : []),
      ...(request.tip > 0 ? [line("Tip", request.tip, 1)] : []),
    ],
    client_reference_id: request.orderId,
    metadata: { orderId: request.orderId, ticketNumber: String(request.ticketNumber) },
    ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
    success_url: withQuery(request.returnUrl, "paid=1"),
    cancel_url: request.returnUrl,
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    payment_intent_data: { metadata: { orderId: request.orderId } },
  };
}

const withQuery = (url: string, query: string) => `${url}${url.includes("?") ? "&" : "?"}${query}`;

/** Stripe writes currencies in lower case; Brewline (STORE_CURRENCY, Order.currency) in upper. */
function toCheckoutSession(session: Stripe.Checkout.Session): CheckoutSession {
  const status = sessionStatus(session.status);
  const paymentIntent = session.payment_intent;
  return {
    id: session.id,
    url: status === "open" ? (session.url ?? null) : null,
    status,
    paid: session.payment_status === "paid" || session.payment_status === "no_payment_required",
    paymentId: typeof paymentIntent === "string" ? paymentIntent : (paymentIntent?.id ?? null),
    orderId: session.metadata?.orderId ?? session.client_reference_id ?? null,
    amountTotal: session.amount_total ?? 0,
    currency: (session.currency ?? "").toUpperCase(),
  };
}

function sessionStatus(status: string | null): CheckoutSession["status"] {
  if (status === "open" || status === "complete" || status === "expired") return status;
  throw new Error(`Unexpected Stripe checkout session status ${String(status)}`);
}

function refundStatus(status: string | null): RefundResult["status"] {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending"; // pending, requires_action: Stripe finishes it and says so later
}

const ALREADY_REFUNDED: RefundResult = { id: "already_refunded", status: "succeeded", failureReason: null };

/**
 * A refusal that the same request would meet again, as PaymentDeclinedError; null for what
 * may pass on a retry (network, 5xx, 429 rate limit, 409 idempotent request still in
 * progress), which the caller rethrows as it is.
 */
function declinedOf(error: unknown): PaymentDeclinedError | null {
  if (!(error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError)) return null;
  const status = error.statusCode ?? 400;
  if (status < 400 || status >= 500 || status === 409 || status === 429) return null;
  // The SDK prefixes "[req_…] ": a support detail, not words for the dashboard.
  return new PaymentDeclinedError(error.message.replace(/^\[req_[^\]]*\]\s*/, ""), error.code ?? null);
}
