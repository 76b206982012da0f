import type { PrismaClient } from "../generated/prisma/client.ts";

// The dev SMS inbox: with SMS_MODE=inbox (emulators) the notifier records texts
// in DevSmsMessage instead of sending them, and /dev/sms shows them.

export type DevSmsView = { id: string; to: string; body: string; createdAt: string };

export async function listDevSms(options: { prisma: PrismaClient; limit?: number }): Promise<DevSmsView[]> {
  const rows = await options.prisma.devSmsMessage.findMany({ orderBy: { createdAt: "desc" }, take: options.limit ?? 100 });
  return rows.map((r) => ({ id: r.id, to: r.to, body: r.body, createdAt: r.createdAt.toISOString() }));
}
