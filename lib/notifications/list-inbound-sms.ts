import type { PrismaClient } from "../generated/prisma/client.ts";

export type InboundSmsView = { id: string; fromNumber: string; body: string; keyword: string; receivedAt: string; repliedAt: string | null };

/** Texts customers sent the shop, newest first (the dev SMS inbox lists them beside the replies). */
export async function listInboundSms(options: { prisma: Pick<PrismaClient, "inboundSms">; limit?: number }): Promise<InboundSmsView[]> {
  const rows = await options.prisma.inboundSms.findMany({
    orderBy: { receivedAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, fromNumber: true, body: true, keyword: true, receivedAt: true, repliedAt: true },
  });
  return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), repliedAt: r.repliedAt?.toISOString() ?? null }));
}
