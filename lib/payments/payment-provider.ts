// What Brewline needs from an online payment provider, in its own words. Stripe
// (stripe-provider.ts, hosted Checkout) is the one implementation; "pay at pickup" is the
// absence of a provider (payments-of-config.ts). Amounts are integers in the minor units of
// `currency` (cents; yen for JPY), which is also what Stripe's API takes.

type CheckoutLine = { name: string; quantity: number; unitAmount: number };

export type CheckoutRequest = {
  orderId: string;
  ticketNumber: number;
  currency: string;
  /** The items at their menu prices (tax included when the store's prices include it). */
  lines: CheckoutLine[];
  /** Tax added on top (US sales tax); 0 when prices include it. */
  addedTax: number;
  tip: number;
  /** What the customer pays: the lines + addedTax + tip. */
  total: number;
  customerEmail: string | null;
  /** Where the provider sends the customer back: the order's status page. */
  returnUrl: string;
  expiresAt: Date;
};

export type CheckoutSession = {
  id: string;
  /** The hosted payment page; null once the session is complete or expired. */
  url: string | null;
  status: "open" | "complete" | "expired";
  /** Money was taken (Stripe: payment_status "paid" or "no_payment_required"). */
  paid: boolean;
  /** The handle refunds are made against (Stripe: the PaymentIntent id); null until paid. */
  paymentId: string | null;
  /** Our order id, as sent when the session was created. */
  orderId: string | null;
  amountTotal: number;
  currency: string;
};

export type RefundResult = { id: string; status: "succeeded" | "pending" | "failed"; failureReason: string | null };

/** A verified webhook event; only checkout session events carry a session. */
type PaymentWebhookEvent = { id: string; type: string; session: CheckoutSession | null };

export interface OnlinePaymentProvider {
  readonly name: "stripe";
  /** Creates the hosted checkout; calling it again for the same order returns the same session. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  getCheckout(sessionId: string): Promise<CheckoutSession>;
  /** Ends an open checkout so it can no longer be paid; returns the session as it is now (it may have completed first). */
  expireCheckout(sessionId: string): Promise<CheckoutSession>;
  /** Refunds `amount` of a payment. The same idempotencyKey never refunds twice. */
  refund(options: { paymentId: string; amount: number; idempotencyKey: string; orderId: string }): Promise<RefundResult>;
  /** Verifies the signature and parses the event; throws PaymentSignatureError when it is not the provider's. */
  parseWebhook(rawBody: string, signatureHeader: string | null): PaymentWebhookEvent;
}

export class PaymentSignatureError extends Error {
  override name = "PaymentSignatureError";
}

/**
 * A provider answer that retrying the same request cannot change (a refused refund, say),
 * as opposed to the network or the provider being down, which are thrown as they are.
 */
export class PaymentDeclinedError extends Error {
  override name = "PaymentDeclinedError";
  constructor(message: string, readonly code: string | null) {
    super(message);
  }
}
