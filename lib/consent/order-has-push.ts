import type { PrismaClient } from "../generated/prisma/client.ts";

/** Whether the order has a browser's push subscription (the status page's "Stop notifications on this phone"). */
export async function orderHasPush(options: { prisma: Pick<PrismaClient, "pushSubscription">; orderId: string }): Promise<boolean> {
  const row = await options.prisma.pushSubscription.findUnique({ where: { orderId: options.orderId }, select: { orderId: true } });
  return row !== null;
}
