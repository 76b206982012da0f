import type { CheckoutRequest, CheckoutSession, OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import type { StripeStandIn } from "./stripe-stand-in.ts";

// A checkout for a made-up order (two lattes and a croissant, sales tax and a tip on top),
// for tests of the payment provider; each call is a new order unless told its id.

let n = 0;

export function checkoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  const orderId = `order-${Date.now()}-${++n}`;
  return {
    orderId,
    ticketNumber: 40 + n,
    currency: "USD",
    lines: [
      { name: "Latte", quantity: 2, unitAmount: 450 },
      { name: "Croissant", quantity: 1, unitAmount: 325 },
    ],
    addedTax: 109,
    tip: 200,
    total: 1534,
    customerEmail: "ada@example.com",
    returnUrl: `http://localhost:3000/orders/${orderId}`,
    expiresAt: new Date(Date.now() + 31 * 60_000),
    ...overrides,
  };
}

/** A checkout created at the stand-in and paid there, as the provider then reports it. */
export async function paidCheckout(provider: OnlinePaymentProvider, standIn: Pick<StripeStandIn, "pay">, request: CheckoutRequest = checkoutRequest()): Promise<CheckoutSession & { paymentId: string }> {
  const session = await provider.createCheckout(request);
  await standIn.pay(session.id);
  const paid = await provider.getCheckout(session.id);
  if (!paid.paid || !paid.paymentId) throw new Error(`checkout ${session.id} was not paid: ${JSON.stringify(paid)}`);
  return { ...paid, paymentId: paid.paymentId };
}
