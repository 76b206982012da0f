import type { SQSClient } from "@aws-sdk/client-sqs";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { repeat, type Repeater } from "../worker/repeat.ts";
import type { DeadLetterQueue } from "./dead-letter-queues.ts";
import { syncDeadLetterQueue } from "./sync-dead-letter-queue.ts";

/** DLQ retention is 14 days; snapshots and failures of messages long gone go with it. */
const KEEP_DAYS = 14;

/**
 * The worker's side of the dashboard's DLQ view: peeks every peekEveryMs, and within a
 * second of a manager asking for a redrive (a cheap indexed check each checkEveryMs), so
 * the web never has to receive from a queue itself.
 */
export function startDeadLetterMonitor(options: {
  prisma: PrismaClient;
  sqs: Pick<SQSClient, "send">;
  queues: DeadLetterQueue[];
  peekEveryMs?: number;
  checkEveryMs?: number;
}): Repeater {
  const { prisma, sqs, queues } = options;
  const peekEveryMs = options.peekEveryMs ?? 10_000;
  let lastPeek = 0;
  return repeat("dead-letter-monitor", options.checkEveryMs ?? 1_000, async () => {
    if (queues.length === 0) return;
    if (Date.now() - lastPeek < peekEveryMs && !(await redriveRequested(prisma))) return;
    lastPeek = Date.now();
    for (const queue of queues) {
      const result = await syncDeadLetterQueue({ prisma, sqs, queue });
      if (result.seen > 0 || result.gone > 0) logger.info({ queue: queue.name, ...result }, "dead-letter queue checked");
    }
    await prisma.$executeRaw`
      WITH old AS (
        DELETE FROM "DeadLetterMessage"
        WHERE COALESCE("redrivenAt", "goneAt") < now() - make_interval(days => ${KEEP_DAYS})
      )
      DELETE FROM "MessageFailure" f
      WHERE f."lastFailedAt" < now() - make_interval(days => ${KEEP_DAYS})
        AND NOT EXISTS (SELECT 1 FROM "DeadLetterMessage" d WHERE d."messageId" = f."messageId" AND d."goneAt" IS NULL AND d."redrivenAt" IS NULL)`;
  });
}

async function redriveRequested(prisma: Pick<PrismaClient, "$queryRaw">): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ due: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "DeadLetterMessage"
      WHERE "goneAt" IS NULL AND "redrivenAt" IS NULL AND "redriveRequestedAt" IS NOT NULL
    ) AS due`;
  return row?.due ?? false;
}
