import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import type { DeadLetterQueue } from "./dead-letter-queues.ts";

export type SyncResult = { skipped: boolean; seen: number; gone: number; redriven: number };

type Tx = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

/**
 * One look at a dead-letter queue, by the worker (the web never receives from queues): peek at
 * everything, deleting nothing; mirror it into DeadLetterMessage (rows no longer there are gone);
 * carry out requested redrives; make the rest visible again. Under a transaction-scoped advisory
 * lock: a second worker's peek would hide the messages and this pass would wrongly call them gone.
 * (docs/ARCHITECTURE.md, "Dead-letter queues")
 */
export async function syncDeadLetterQueue(options: {
  prisma: PrismaClient;
  sqs: Pick<SQSClient, "send">;
  queue: DeadLetterQueue;
  peekVisibilitySeconds?: number;
  maxMessages?: number;
  now?: Date;
}): Promise<SyncResult> {
  const { prisma, sqs, queue } = options;
  const max = options.maxMessages ?? 500;
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtext(${`brewline-dlq:${queue.name}`})) AS locked`;
      if (!lock?.locked) return { skipped: true, seen: 0, gone: 0, redriven: 0 };
      const messages = await peek(sqs, queue.dlqUrl, options.peekVisibilitySeconds ?? 10, max);
      const held = new Map(messages.map((m) => [m.MessageId!, m]));
      try {
        const now = options.now ?? new Date();
        const gone = await record(tx, queue, messages, now, messages.length < max);
        let redriven = 0;
        for (const id of await requestedRedrives(tx, queue, [...held.keys()])) {
          if (await redrive(tx, sqs, queue, held.get(id)!)) {
            held.delete(id);
            redriven++;
          }
        }
        return { skipped: false, seen: messages.length, gone, redriven };
      } finally {
        await release(sqs, queue.dlqUrl, [...held.values()]);
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function peek(sqs: Pick<SQSClient, "send">, url: string, visibilitySeconds: number, max: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < max) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: visibilitySeconds,
        MessageSystemAttributeNames: ["ApproximateReceiveCount", "MessageGroupId", "SentTimestamp"],
      }),
    );
    const batch = (out.Messages ?? []).filter((m) => m.MessageId && m.ReceiptHandle && !seen.has(m.MessageId));
    if (batch.length === 0) break;
    for (const m of batch) seen.set(m.MessageId!, m);
  }
  return [...seen.values()];
}

/** Upserts what was seen; returns how many rows were marked gone. */
async function record(tx: Tx, queue: DeadLetterQueue, messages: Message[], now: Date, complete: boolean): Promise<number> {
  const ids = messages.map((m) => m.MessageId!);
  if (messages.length > 0) {
    const bodies = messages.map((m) => m.Body ?? "");
    // Our own peeks raise the DLQ's receive count; the first one seen is the honest one.
    const counts = messages.map((m) => Number(m.Attributes?.ApproximateReceiveCount ?? 0) || null);
    const sent = messages.map((m) => (m.Attributes?.SentTimestamp ? new Date(Number(m.Attributes.SentTimestamp)) : null));
    await tx.$executeRaw`
      INSERT INTO "DeadLetterMessage" ("messageId", "queue", "body", "receiveCount", "sentAt", "firstSeenAt", "lastSeenAt")
      SELECT t.id, ${queue.name}, t.body, t.n, t.sent, ${now}, ${now}
      FROM unnest(${ids}::text[], ${bodies}::text[], ${counts}::int[], ${sent}::timestamptz[]) AS t(id, body, n, sent)
      ON CONFLICT ("messageId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt", "goneAt" = NULL
        WHERE "DeadLetterMessage"."redrivenAt" IS NULL`;
  }
  // A partial look (more than max messages) cannot tell what is gone.
  if (!complete) return 0;
  return tx.$executeRaw`
    UPDATE "DeadLetterMessage" SET "goneAt" = ${now}
    WHERE "queue" = ${queue.name} AND "goneAt" IS NULL AND "redrivenAt" IS NULL AND NOT ("messageId" = ANY(${ids}::text[]))`;
}

async function requestedRedrives(tx: Tx, queue: DeadLetterQueue, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<{ messageId: string }[]>`
    SELECT "messageId" FROM "DeadLetterMessage"
    WHERE "queue" = ${queue.name} AND "messageId" = ANY(${ids}::text[])
      AND "redriveRequestedAt" IS NOT NULL AND "redrivenAt" IS NULL
    ORDER BY "firstSeenAt"`;
  return rows.map((r) => r.messageId);
}

/**
 * Send first, delete second: a crash in between leaves the message in both queues, and the
 * next pass sends it again with the same dedup id (dropped by FIFO within 5 minutes) or
 * the handler's idempotency absorbs it. The other order could lose it.
 */
async function redrive(tx: Tx, sqs: Pick<SQSClient, "send">, queue: DeadLetterQueue, message: Message): Promise<boolean> {
  const messageId = message.MessageId!;
  try {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.sourceUrl,
        MessageBody: message.Body ?? "",
        ...(queue.fifo
          ? { MessageGroupId: message.Attributes?.MessageGroupId ?? messageId, MessageDeduplicationId: `redrive:${messageId}` }
          : {}),
      }),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.dlqUrl, ReceiptHandle: message.ReceiptHandle! }));
  } catch (error) {
    logger.warn({ queue: queue.name, messageId, err: errorInfo(error) }, "redrive failed; will try again on the next pass");
    return false;
  }
  await tx.$executeRaw`UPDATE "DeadLetterMessage" SET "redrivenAt" = ${new Date()} WHERE "messageId" = ${messageId}`;
  logger.info({ queue: queue.name, messageId }, "dead-lettered message redriven");
  return true;
}

async function release(sqs: Pick<SQSClient, "send">, url: string, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    await sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      )
      // They reappear after the peek's visibility timeout anyway.
      .catch((error: unknown) => logger.debug({ err: errorInfo(error) }, "could not release peeked dead letters"));
  }
}
