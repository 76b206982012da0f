import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { PUSH_WITHDRAWN_WORDING } from "./consent-wording.ts";
import { lockOrderByToken, ORDER_NOT_FOUND_MESSAGE } from "./subscribe-order-push.ts";

/**
 * "Stop notifications on this phone": the order's push subscription is deleted and the
 * ledger records the withdrawal, in one transaction. Allowed whatever the order's state (a
 * withdrawal is never refused); without a subscription nothing changes and nothing is recorded.
 */
export async function unsubscribeOrderPush(options: {
  prisma: Pick<PrismaClient, "$transaction">;
  publicToken: string;
}): Promise<{ subscribed: false; changed: boolean }> {
  return options.prisma.$transaction(async (tx) => {
    const order = await lockOrderByToken(tx, options.publicToken);
    if (!order) throw new AppError("NOT_FOUND", ORDER_NOT_FOUND_MESSAGE);
    const [deleted] = await tx.$queryRaw<{ endpoint: string }[]>`
      DELETE FROM "PushSubscription" WHERE "orderId" = ${order.id}::uuid RETURNING "endpoint"`;
    if (!deleted) return { subscribed: false as const, changed: false };
    await tx.consentRecord.create({
      data: { channel: "PUSH", recipient: deleted.endpoint, action: "WITHDRAWN", source: "status-page", wording: PUSH_WITHDRAWN_WORDING, orderId: order.id },
      select: { id: true },
    });
    return { subscribed: false as const, changed: true };
  });
}
