import { AppError } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { PUSH_CONSENT_WORDING } from "./consent-wording.ts";

// "Notify me on this phone": the browser's push subscription is kept with the order and
// the consent ledger records the agreement, both or neither. The endpoint arrives already
// checked against the allowed push services (the route's schema): lib/consent does not
// reach into lib/notifications.

/** A browser's push subscription as the route accepted it (base64url keys). */
export type OrderPushSubscription = { endpoint: string; p256dh: string; auth: string };

/** The page the customer agreed on. */
export type PushConsentSource = "checkout" | "status-page";

export const ORDER_NOT_FOUND_MESSAGE = "We couldn't find that order";
const ORDER_FINISHED_MESSAGE = "This order is finished: there is nothing more to notify you about.";

// Ready and cancelled are what push tells; once either has happened (or the checkout
// expired) there is nothing left to send.
const FINISHED = new Set(["READY", "CANCELLED", "PAYMENT_EXPIRED"]);

/**
 * The order of `publicToken`, locked against status changes until the transaction ends:
 * a subscription stored while the order turns ready is then seen by the notifier.
 */
export async function lockOrderByToken(tx: Pick<Prisma.TransactionClient, "$queryRaw">, publicToken: string): Promise<{ id: string; status: string } | null> {
  const [order] = await tx.$queryRaw<{ id: string; status: string }[]>`
    SELECT "id"::text AS "id", "status"::text AS "status" FROM "Order" WHERE "publicToken" = ${publicToken} FOR SHARE`;
  return order ?? null;
}

/** Stores (or replaces: the latest browser wins) the order's push subscription and records the consent. */
export async function subscribeOrderPush(options: {
  prisma: Pick<PrismaClient, "$transaction">;
  publicToken: string;
  subscription: OrderPushSubscription;
  source: PushConsentSource;
}): Promise<{ subscribed: true }> {
  const { endpoint, p256dh, auth } = options.subscription;
  return options.prisma.$transaction(async (tx) => {
    const order = await lockOrderByToken(tx, options.publicToken);
    if (!order) throw new AppError("NOT_FOUND", ORDER_NOT_FOUND_MESSAGE);
    if (FINISHED.has(order.status)) throw new AppError("CONFLICT", ORDER_FINISHED_MESSAGE, { status: order.status });
    await tx.pushSubscription.upsert({
      where: { orderId: order.id },
      create: { orderId: order.id, endpoint, p256dh, auth },
      update: { endpoint, p256dh, auth, createdAt: new Date() },
      select: { orderId: true },
    });
    await tx.consentRecord.create({
      data: { channel: "PUSH", recipient: endpoint, action: "GRANTED", source: options.source, wording: PUSH_CONSENT_WORDING, orderId: order.id },
      select: { id: true },
    });
    return { subscribed: true as const };
  });
}
