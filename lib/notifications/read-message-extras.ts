import type { PrismaClient } from "../generated/prisma/client.ts";
import type { OrderEvent } from "../messages/order-events.ts";
import { moneyFormatFor, ORDER_AMOUNTS_SELECT, type MoneyFormat } from "../money/money-format.ts";
import type { MessageExtras } from "./customer-messages.ts";
import { readOrderItemOptions } from "../messages/order-item-options.ts";
import { buildReceipt } from "./receipt.ts";
import { refundSentence, type RefundState } from "./templates.ts";

// What a customer message says about money, read from Postgres when the message is built
// (not carried in the event, so a resent event says what is true now): the ready email's
// receipt, and for a kitchen cancellation of an order paid online, its refund.

/** Amounts are in the order's currency; the store's locale writes them (the store may have changed currency since). */
const formatOf = (store: MoneyFormat, currency: string) => (store.currency === currency ? store : moneyFormatFor(currency, store.locale));

export async function readMessageExtras(options: {
  prisma: Pick<PrismaClient, "order">;
  event: OrderEvent;
  /** The ready email is being sent (the text message has no receipt). */
  receipt: boolean;
  /** The store's format (an order placed in another currency is written in that one). */
  moneyFormat: MoneyFormat;
}): Promise<MessageExtras> {
  const { prisma, event } = options;
  if (event.type === "order.ready") {
    if (!options.receipt) return {};
    const order = await prisma.order.findUnique({
      where: { id: event.orderId },
      select: {
        ...ORDER_AMOUNTS_SELECT,
        paymentMethod: true,
        items: { orderBy: { position: "asc" }, select: { name: true, quantity: true, unitPriceCents: true, options: true } },
      },
    });
    if (!order) return {};
    const items = order.items.map((i) => ({ ...i, options: readOrderItemOptions(i.options) }));
    return { receipt: buildReceipt({ ...order, items }, formatOf(options.moneyFormat, order.currency)) };
  }
  const order = await prisma.order.findUnique({
    where: { id: event.orderId },
    select: { currency: true, totalCents: true, paymentMethod: true, paymentStatus: true, refund: { select: { status: true, amountCents: true } } },
  });
  const state = order ? refundState(order) : null;
  if (!order || !state) return {};
  return { refund: refundSentence(state, order.refund?.amountCents ?? order.totalCents, formatOf(options.moneyFormat, order.currency)) };
}

/** Null when nothing was paid online (nothing to refund, nothing to say). */
function refundState(order: { paymentMethod: string; paymentStatus: string; refund: { status: RefundState } | null }): RefundState | null {
  if (order.refund) return order.refund.status;
  if (order.paymentMethod !== "ONLINE") return null;
  // A paid order without a Refund row yet: the refund is still to be made.
  return order.paymentStatus === "REFUNDED" ? "SUCCEEDED" : order.paymentStatus === "PAID" ? "PENDING" : null;
}
