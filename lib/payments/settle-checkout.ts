import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { ORDER_PLACED_ITEM_SELECT, orderPlacedOf } from "../messages/order-placed.ts";
import { buildPaymentRefund } from "../messages/payment-refund.ts";
import { sendOutboxMessage, type OutboxRow } from "../outbox/send-outbox-message.ts";
import type { Transport } from "../queue/transport.ts";
import type { CheckoutSession } from "./payment-provider.ts";

export type SettleOutcome = "paid" | "expired" | "refunding" | "unchanged" | "duplicate" | "unknown";

/**
 * Applies what the provider says about a checkout (a verified webhook, or the reconciler's
 * look-up) to its order, once:
 * - paid while awaiting payment → PLACED with its order.placed outbox row in the same
 *   transaction, so the kitchen pipeline runs exactly as for any other order;
 * - paid after the order expired or was cancelled (the customer paid at the last second) → the
 *   money goes back: a Refund row and a payment.refund message;
 * - expired → PAYMENT_EXPIRED (only for the order's current session);
 * - anything already applied (a webhook delivered twice, late or out of order) → no change.
 * A webhook's event id is recorded in the same transaction, so a redelivery is answered at once.
 */
export async function settleCheckout(options: {
  prisma: PrismaClient;
  transport: Transport;
  session: CheckoutSession;
  /** The webhook event, when the news came from one. */
  event?: { id: string; type: string };
  now?: Date;
}): Promise<SettleOutcome> {
  const { prisma, transport, session, event } = options;
  const now = options.now ?? new Date();
  const payment = await prisma.payment.findFirst({
    where: session.orderId ? { OR: [{ checkoutSessionId: session.id }, { orderId: session.orderId }] } : { checkoutSessionId: session.id },
    select: {
      checkoutSessionId: true,
      amountCents: true,
      order: {
        select: {
          id: true,
          ticketNumber: true,
          customerName: true,
          totalCents: true,
          currency: true,
          items: { select: ORDER_PLACED_ITEM_SELECT, orderBy: { position: "asc" } },
        },
      },
    },
  });
  if (!payment) {
    // Not ours (another app on the same Stripe account) or a session whose order was deleted.
    logger.warn({ session: session.id }, "checkout of no known order; ignored");
    return "unknown";
  }
  const order = payment.order;
  if (session.status === "complete" && session.paid && (session.amountTotal !== order.totalCents || session.currency.toUpperCase() !== order.currency)) {
    // A signed event for another amount is a bug on our side or tampering at the provider's
    // account: nothing is made, the event is refused so the provider retries while someone looks.
    logger.error({ orderId: order.id, session: session.id, paid: session.amountTotal, currency: session.currency, expected: order.totalCents }, "checkout paid a different amount");
    throw new Error(`checkout ${session.id} paid ${session.amountTotal} ${session.currency}, order ${order.id} is ${order.totalCents} ${order.currency}`);
  }

  const toSend: OutboxRow[] = [];
  const addOutbox = async (tx: Prisma.TransactionClient, row: OutboxRow) => {
    await tx.outboxMessage.create({ data: { id: row.id, orderId: row.orderId, destination: row.destination, type: row.type, body: row.body as Prisma.InputJsonObject } });
    toSend.push(row);
  };
  const outcome = await prisma.$transaction(async (tx): Promise<SettleOutcome> => {
    if (event) {
      const recorded = await tx.$executeRaw`
        INSERT INTO "PaymentEvent" ("id", "type") VALUES (${event.id}, ${event.type}) ON CONFLICT ("id") DO NOTHING`;
      if (recorded === 0) return "duplicate";
    }
    if (session.status === "expired") {
      // A newer session may have replaced this one (the first could not be opened in time).
      const expired = await tx.$executeRaw`
        UPDATE "Order" o SET "status" = 'PAYMENT_EXPIRED'
        WHERE o."id" = ${order.id}::uuid AND o."status" = 'AWAITING_PAYMENT'
          AND (${payment.checkoutSessionId}::text IS NULL OR ${payment.checkoutSessionId}::text = ${session.id})`;
      return expired === 1 ? "expired" : "unchanged";
    }
    if (session.status !== "complete" || !session.paid) return "unchanged";

    const paymentUpdate = tx.payment.update({
      where: { orderId: order.id },
      data: { paidAt: now, providerPaymentId: session.paymentId, checkoutSessionId: session.id },
    });
    // createdAt becomes the moment it was paid: the kitchen queue and the ETA count from when
    // the order could be made, so a slow payer does not jump ahead of those who ordered since.
    // An order for a pickup slot waits SCHEDULED for the worker to fire it, unless that time came.
    const [placed] = await tx.$queryRaw<{ status: "PLACED" | "SCHEDULED" }[]>`
      UPDATE "Order" SET "paymentStatus" = 'PAID',
        "status" = CASE WHEN "fireAt" > ${now}::timestamptz THEN 'SCHEDULED'::"OrderStatus" ELSE 'PLACED'::"OrderStatus" END,
        "createdAt" = CASE WHEN "fireAt" > ${now}::timestamptz THEN "createdAt" ELSE ${now}::timestamptz END,
        "firedAt" = CASE WHEN "pickupAt" IS NOT NULL AND NOT "fireAt" > ${now}::timestamptz THEN ${now}::timestamptz END
      WHERE "id" = ${order.id}::uuid AND "status" = 'AWAITING_PAYMENT'
      RETURNING "status"::text AS "status"`;
    if (placed?.status === "SCHEDULED") {
      await paymentUpdate;
      return "paid";
    }
    if (placed) {
      await paymentUpdate;
      const body = orderPlacedOf({ outboxId: randomUUID(), order, placedAt: now });
      await addOutbox(tx, { id: body.outboxId, orderId: order.id, destination: "ORDERS_QUEUE", type: body.type, body });
      return "paid";
    }
    const late = await tx.$executeRaw`
      UPDATE "Order" SET "paymentStatus" = 'PAID'
      WHERE "id" = ${order.id}::uuid AND "paymentStatus" = 'UNPAID' AND "status" IN ('PAYMENT_EXPIRED', 'CANCELLED')`;
    if (late === 0) return "unchanged";
    await paymentUpdate;
    await tx.refund.create({ data: { orderId: order.id, amountCents: order.totalCents } });
    const body = buildPaymentRefund({ outboxId: randomUUID(), orderId: order.id, attempt: 1 });
    await addOutbox(tx, { id: body.outboxId, orderId: order.id, destination: "ORDERS_QUEUE", type: body.type, body });
    return "refunding";
  });

  if (outcome !== "duplicate" && outcome !== "unchanged") logger.info({ orderId: order.id, ticket: order.ticketNumber, session: session.id, outcome }, "checkout settled");
  for (const row of toSend) await sendOutboxMessage({ prisma, transport, row });
  return outcome;
}
