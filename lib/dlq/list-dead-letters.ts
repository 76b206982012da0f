import type { PrismaClient } from "../generated/prisma/client.ts";

// What the dashboard shows of the dead-letter queues. The web never receives from a
// queue: it reads the worker's snapshot (DeadLetterMessage) beside the last handler
// error recorded for the same SQS message id (MessageFailure), which says why it died.

export type DeadLetterView = {
  messageId: string;
  queue: string;
  /** What the message is about, when the body says (order.placed …). */
  type: string | null;
  orderId: string | null;
  bodyPreview: string;
  error: string | null;
  receiveCount: number | null;
  sentAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  redriveRequestedAt: string | null;
  redriveRequestedBy: string | null;
  redrivenAt: string | null;
};

type Row = {
  messageId: string;
  queue: string;
  body: string;
  receiveCount: number | null;
  sentAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  redriveRequestedAt: Date | null;
  redriveRequestedBy: string | null;
  redrivenAt: Date | null;
  error: string | null;
  failedReceives: number | null;
};

function describeBody(body: string): { type: string | null; orderId: string | null } {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; orderId?: unknown };
    return {
      type: typeof parsed.type === "string" ? parsed.type.slice(0, 60) : null,
      orderId: typeof parsed.orderId === "string" ? parsed.orderId.slice(0, 60) : null,
    };
  } catch {
    return { type: null, orderId: null };
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Messages still in a DLQ (not gone, not redriven), oldest first, plus those redriven
 * in the last recentMinutes so a manager sees their request was carried out.
 */
export async function listDeadLetters(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  recentMinutes?: number;
  limit?: number;
  now?: Date;
}): Promise<DeadLetterView[]> {
  const now = options.now ?? new Date();
  const recentSince = new Date(now.getTime() - (options.recentMinutes ?? 60) * 60_000);
  const rows = await options.prisma.$queryRaw<Row[]>`
    SELECT d."messageId", d."queue", d."body", d."receiveCount", d."sentAt", d."firstSeenAt", d."lastSeenAt",
           d."redriveRequestedAt", d."redriveRequestedBy", d."redrivenAt",
           f."error", f."receiveCount" AS "failedReceives"
    FROM "DeadLetterMessage" d LEFT JOIN "MessageFailure" f ON f."messageId" = d."messageId"
    WHERE (d."goneAt" IS NULL AND d."redrivenAt" IS NULL) OR d."redrivenAt" >= ${recentSince}
    ORDER BY (d."redrivenAt" IS NULL) DESC, d."firstSeenAt"
    LIMIT ${options.limit ?? 100}`;
  return rows.map((r) => ({
    messageId: r.messageId,
    queue: r.queue,
    ...describeBody(r.body),
    bodyPreview: r.body.slice(0, 300),
    error: r.error,
    receiveCount: r.failedReceives ?? r.receiveCount,
    sentAt: iso(r.sentAt),
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    redriveRequestedAt: iso(r.redriveRequestedAt),
    redriveRequestedBy: r.redriveRequestedBy,
    redrivenAt: iso(r.redrivenAt),
  }));
}
