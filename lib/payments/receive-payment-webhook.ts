import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Transport } from "../queue/transport.ts";
import { PaymentSignatureError } from "./payment-provider.ts";
import type { Payments } from "./payments-of-config.ts";
import { settleCheckout, type SettleOutcome } from "./settle-checkout.ts";

/** The checkout events that change an order; anything else is acknowledged and ignored. */
const CHECKOUT_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

/**
 * A webhook from the payment provider: refused (400) unless its signature is the provider's,
 * then applied once (settleCheckout records the event id with its effect). Events may come
 * twice, out of order, before the customer is back, or never: settleCheckout and the worker's
 * reconcilePayments make each of those end in the same state.
 */
export async function receivePaymentWebhook(options: {
  prisma: PrismaClient;
  transport: Transport;
  payments: Payments;
  rawBody: string;
  signature: string | null;
}): Promise<{ outcome: SettleOutcome | "ignored" }> {
  const online = options.payments.online;
  if (!online) throw new AppError("NOT_FOUND", "Online payments are not switched on");
  let event;
  try {
    event = online.parseWebhook(options.rawBody, options.signature);
  } catch (error) {
    if (error instanceof PaymentSignatureError) throw new AppError("VALIDATION", "webhook signature does not verify");
    throw error;
  }
  if (!CHECKOUT_EVENTS.has(event.type) || !event.session) return { outcome: "ignored" };
  const outcome = await settleCheckout({
    prisma: options.prisma,
    transport: options.transport,
    session: event.session,
    event: { id: event.id, type: event.type },
  });
  return { outcome };
}
