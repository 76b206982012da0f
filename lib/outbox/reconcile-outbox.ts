import type { OutboxDestination, PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import type { Transport } from "../queue/transport.ts";
import { sendOutboxMessage } from "./send-outbox-message.ts";

export const MAX_OUTBOX_SENDS = 10;

export type ReconcileResult = { due: number; sent: number; failed: number; abandoned: number };

type DueRow = { id: string; orderId: string; destination: OutboxDestination; type: string; body: unknown; sendCount: number };

/**
 * Sends outbox rows whose first send failed (older than resendAfterSeconds, never sent)
 * or whose message was sent but never processed (sent longer than redeliverAfterSeconds
 * ago: the queue lost it, e.g. the emulator restarted). Rows are locked with SKIP LOCKED
 * for the whole pass, so concurrent workers each take different rows and none is sent
 * twice by two reconcilers. A row sent maxSends times without being processed is
 * abandoned for a human to look at instead of looping forever.
 */
export async function reconcileOutbox(options: {
  prisma: PrismaClient;
  transport: Transport;
  resendAfterSeconds: number;
  redeliverAfterSeconds: number;
  maxSends?: number;
  limit?: number;
  now?: Date;
}): Promise<ReconcileResult> {
  const { prisma, transport } = options;
  const now = options.now ?? new Date();
  const maxSends = options.maxSends ?? MAX_OUTBOX_SENDS;
  const resendBefore = new Date(now.getTime() - options.resendAfterSeconds * 1000);
  const redeliverBefore = new Date(now.getTime() - options.redeliverAfterSeconds * 1000);
  const result: ReconcileResult = { due: 0, sent: 0, failed: 0, abandoned: 0 };

  await prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<DueRow[]>`
        SELECT "id", "orderId", "destination", "type", "body", "sendCount"
        FROM "OutboxMessage"
        WHERE "processedAt" IS NULL AND "abandonedAt" IS NULL
          AND (("sentAt" IS NULL AND "createdAt" < ${resendBefore}) OR "sentAt" < ${redeliverBefore})
        ORDER BY "createdAt"
        LIMIT ${options.limit ?? 25}
        FOR UPDATE SKIP LOCKED`;
      result.due = rows.length;
      for (const row of rows) {
        if (row.sendCount >= maxSends) {
          await tx.outboxMessage.update({
            where: { id: row.id },
            data: { abandonedAt: now, lastError: `abandoned after ${row.sendCount} sends without being processed` },
          });
          logger.error({ outboxId: row.id, orderId: row.orderId, type: row.type, sends: row.sendCount }, "outbox message abandoned");
          result.abandoned++;
          continue;
        }
        if (await sendOutboxMessage({ prisma: tx, transport, row })) {
          result.sent++;
        } else {
          // The queue is most likely down: leave the rest for the next pass.
          result.failed++;
          break;
        }
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (result.due > 0) logger.info(result, "outbox reconciled");
  return result;
}
