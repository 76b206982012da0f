import type { PrismaClient } from "../../lib/db/prisma.ts";
import type { OnlinePaymentProvider } from "../../lib/payments/payment-provider.ts";
import { checkoutRequest, paidCheckout } from "./checkout-request.ts";
import type { StripeStandIn } from "./stripe-stand-in.ts";

// Turns a placed test order into one the customer paid online: a real checkout at the Stripe
// stand-in, paid there, and the order marked as the checkout webhook would leave it (ONLINE,
// PAID, a Payment row holding the PaymentIntent id refunds are made against).

export async function payOrderOnline(options: {
  prisma: PrismaClient;
  provider: OnlinePaymentProvider;
  standIn: StripeStandIn;
  orderId: string;
}): Promise<{ paymentId: string; totalCents: number }> {
  const { prisma, provider, orderId } = options;
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { ticketNumber: true, totalCents: true, currency: true } });
  const paid = await paidCheckout(provider, options.standIn, checkoutRequest({
    orderId,
    ticketNumber: order.ticketNumber,
    currency: order.currency,
    lines: [{ name: "Latte", quantity: 1, unitAmount: order.totalCents }],
    addedTax: 0,
    tip: 0,
    total: order.totalCents,
    customerEmail: null,
    returnUrl: `http://localhost:3000/orders/${orderId}`,
  }));
  const now = new Date();
  await prisma.$transaction([
    prisma.order.update({ where: { id: orderId }, data: { paymentMethod: "ONLINE", paymentStatus: "PAID" } }),
    prisma.payment.create({
      data: {
        orderId,
        provider: "stripe",
        checkoutSessionId: paid.id,
        providerPaymentId: paid.paymentId,
        amountCents: order.totalCents,
        expiresAt: new Date(now.getTime() + 60 * 60_000),
        paidAt: now,
      },
    }),
  ]);
  return { paymentId: paid.paymentId, totalCents: order.totalCents };
}
