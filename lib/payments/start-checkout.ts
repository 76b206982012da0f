import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import type { Payments } from "./payments-of-config.ts";
import { ORDER_AMOUNTS_SELECT } from "../money/money-format.ts";

const PAYMENTS_UNAVAILABLE_MESSAGE =
  "We couldn't reach the card payment service just now. Try Pay now again in a minute, or order again and pay at pickup.";

/** Stripe refuses an expires_at less than 30 minutes ahead; a minute of slack for the request's travel. */
const MIN_CHECKOUT_MINUTES = 31;

type OrderRow = {
  id: string;
  status: string;
  paymentMethod: string;
  ticketNumber: number;
  currency: string;
  subtotalCents: number;
  taxCents: number;
  taxIncluded: boolean;
  tipCents: number;
  totalCents: number;
  email: string | null;
  publicToken: string;
  items: { name: string; quantity: number; unitPriceCents: number }[];
  payment: { checkoutUrl: string | null; checkoutSessionId: string | null; expiresAt: Date } | null;
};

/**
 * The hosted checkout of an order awaiting payment: the one already open, or a new one. The
 * intended expiry is saved before the provider is called and is part of the provider's
 * idempotency key, so a retry after a lost answer gets the same session back instead of a second
 * one; only once that expiry is too close for the provider is a new session (new key) made.
 */
export async function startCheckout(options: {
  prisma: PrismaClient;
  payments: Payments;
  publicToken: string;
  /** PUBLIC_BASE_URL: the customer comes back to the order's status page. */
  baseUrl: string;
  expiresMinutes: number;
  now?: Date;
}): Promise<{ checkoutUrl: string }> {
  const { prisma, payments } = options;
  const now = options.now ?? new Date();
  const order: OrderRow | null = await prisma.order.findUnique({
    where: { publicToken: options.publicToken },
    select: {
      id: true,
      status: true,
      paymentMethod: true,
      ticketNumber: true,
      ...ORDER_AMOUNTS_SELECT,
      email: true,
      publicToken: true,
      items: { select: { name: true, quantity: true, unitPriceCents: true }, orderBy: { position: "asc" } },
      payment: { select: { checkoutUrl: true, checkoutSessionId: true, expiresAt: true } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "We couldn't find that order");
  if (order.paymentMethod !== "ONLINE") throw new AppError("CONFLICT", "This order is paid at pickup");
  if (order.status === "PAYMENT_EXPIRED") throw new AppError("CONFLICT", "The time to pay for this order ran out, so it was not made. Please order again.");
  if (order.status !== "AWAITING_PAYMENT") throw new AppError("CONFLICT", "This order is already paid");
  const online = payments.online;
  if (!online) throw new AppError("UNAVAILABLE", PAYMENTS_UNAVAILABLE_MESSAGE);

  const existing = order.payment;
  if (existing?.checkoutUrl && existing.expiresAt.getTime() - now.getTime() > 60_000) return { checkoutUrl: existing.checkoutUrl };

  const fresh = !existing || existing.expiresAt.getTime() - now.getTime() < MIN_CHECKOUT_MINUTES * 60_000;
  const expiresAt = fresh ? new Date(now.getTime() + Math.max(options.expiresMinutes, MIN_CHECKOUT_MINUTES) * 60_000) : existing.expiresAt;
  if (fresh) {
    await prisma.payment.upsert({
      where: { orderId: order.id },
      create: { orderId: order.id, provider: online.name, amountCents: order.totalCents, expiresAt },
      update: { expiresAt, checkoutUrl: null },
    });
  }

  try {
    const session = await online.createCheckout({
      orderId: order.id,
      ticketNumber: order.ticketNumber,
      currency: order.currency,
      lines: order.items.map((i) => ({ name: i.name, quantity: i.quantity, unitAmount: i.unitPriceCents })),
      addedTax: order.taxIncluded ? 0 : order.taxCents,
      tip: order.tipCents,
      total: order.totalCents,
      customerEmail: order.email,
      returnUrl: new URL(`/orders/${order.publicToken}`, options.baseUrl).toString(),
      expiresAt,
    });
    if (!session.url) throw new Error(`checkout session ${session.id} came back ${session.status} without a payment page`);
    await prisma.payment.update({
      where: { orderId: order.id },
      data: { checkoutSessionId: session.id, checkoutUrl: session.url, lastError: null },
    });
    logger.info({ orderId: order.id, ticket: order.ticketNumber, session: session.id }, "checkout opened");
    return { checkoutUrl: session.url };
  } catch (error) {
    logger.warn({ orderId: order.id, err: errorInfo(error) }, "could not open the checkout");
    await prisma.payment.update({ where: { orderId: order.id }, data: { lastError: String((error as Error).message ?? error).slice(0, 500) } });
    throw new AppError("UNAVAILABLE", PAYMENTS_UNAVAILABLE_MESSAGE);
  }
}
