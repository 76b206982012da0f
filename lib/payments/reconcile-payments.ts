import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import type { Transport } from "../queue/transport.ts";
import type { CheckoutSession } from "./payment-provider.ts";
import type { Payments } from "./payments-of-config.ts";
import { settleCheckout, type SettleOutcome } from "./settle-checkout.ts";

/** Checkouts asked about per pass: a backlog is worked through over a few passes, never all at once. */
const BATCH = 25;

type Due = { orderId: string; sessionId: string | null; expiresAt: Date | null; createdAt: Date };

/**
 * The worker's safety net for lost webhooks: orders still awaiting payment after `afterSeconds`
 * are looked up at the provider and settled as the provider says (paid → the kitchen, expired →
 * PAYMENT_EXPIRED). A checkout past its expiry is expired at the provider first, so it can no
 * longer be paid, and then settled as it then is (it may have been paid in the meantime). An
 * order whose checkout never opened (the provider was down) expires on its own. Each order is
 * asked about at most once a minute; with several workers an order may be asked twice, which
 * settleCheckout makes harmless.
 */
export async function reconcilePayments(options: {
  prisma: PrismaClient;
  transport: Transport;
  payments: Payments;
  afterSeconds: number;
  expiresMinutes: number;
  now?: Date;
}): Promise<{ checked: number; outcomes: SettleOutcome[] }> {
  const { prisma, transport } = options;
  const online = options.payments.online;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.afterSeconds * 1000);
  // Claimed by stamping checkedAt, so other workers skip these for a minute.
  const due = await prisma.$queryRaw<Due[]>`
    WITH due AS (
      SELECT o."id" FROM "Order" o
      LEFT JOIN "Payment" p ON p."orderId" = o."id"
      WHERE o."status" = 'AWAITING_PAYMENT' AND o."createdAt" < ${since}
        AND (p."checkedAt" IS NULL OR p."checkedAt" < ${new Date(now.getTime() - 60_000)})
      ORDER BY o."createdAt" LIMIT ${BATCH}
      FOR UPDATE OF o SKIP LOCKED
    ),
    stamped AS (
      UPDATE "Payment" p SET "checkedAt" = ${now} FROM due WHERE p."orderId" = due."id" RETURNING p."orderId"
    )
    SELECT due."id" AS "orderId", p."checkoutSessionId" AS "sessionId", p."expiresAt", o."createdAt"
    FROM due JOIN "Order" o ON o."id" = due."id" LEFT JOIN "Payment" p ON p."orderId" = due."id"`;

  const outcomes: SettleOutcome[] = [];
  for (const order of due) {
    try {
      outcomes.push(await reconcileOne({ prisma, transport, online, order, now, expiresMinutes: options.expiresMinutes }));
    } catch (error) {
      logger.warn({ orderId: order.orderId, err: errorInfo(error) }, "could not check the order's checkout; will try again");
    }
  }
  if (due.length > 0) logger.info({ checked: due.length, outcomes }, "checkouts reconciled");
  return { checked: due.length, outcomes };
}

async function reconcileOne(options: {
  prisma: PrismaClient;
  transport: Transport;
  online: Payments["online"];
  order: Due;
  now: Date;
  expiresMinutes: number;
}): Promise<SettleOutcome> {
  const { prisma, transport, online, order, now } = options;
  const deadline = order.expiresAt ?? new Date(order.createdAt.getTime() + options.expiresMinutes * 60_000);
  if (!order.sessionId || !online) {
    // No checkout was ever opened (or payments were switched off): nothing can be paid.
    if (now < deadline) return "unchanged";
    const expired = await prisma.order.updateMany({ where: { id: order.orderId, status: "AWAITING_PAYMENT" }, data: { status: "PAYMENT_EXPIRED" } });
    return expired.count === 1 ? "expired" : "unchanged";
  }
  let session: CheckoutSession = await online.getCheckout(order.sessionId);
  if (session.status === "open" && now > deadline) session = await online.expireCheckout(order.sessionId);
  if (session.status === "complete" && !session.paid && now > deadline) {
    // Completed with a delayed method (bank debit) that never cleared: it will not reach the kitchen.
    session = { ...session, status: "expired" };
  }
  return settleCheckout({ prisma, transport, session, now });
}
