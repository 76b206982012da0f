import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { batcherPerOwner, createBatcher } from "../async/create-batcher.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { OutboxDestination } from "../generated/prisma/enums.ts";
import { errorInfo, logger } from "../log.ts";
import type { Transport } from "../queue/transport.ts";

export type OutboxRow = {
  id: string;
  orderId: string;
  destination: OutboxDestination;
  type: string;
  body: unknown;
};

/**
 * FIFO deduplication id: one per order event (the outbox row), so a resend within
 * SQS's 5-minute window is dropped by the queue, while a later, distinct event of the
 * same order (e.g. ready again after a recall) is not.
 */
const deduplicationId = (row: Pick<OutboxRow, "id" | "orderId" | "type">) =>
  `${row.orderId}:${row.type}:${row.id}`;

/**
 * The message body as JSON with every non-ASCII character escaped (\uXXXX). The parsed
 * value is identical, but the text is plain ASCII, which every SQS/SNS implementation
 * accepts (the local emulator, for one, refuses emoji sent as raw UTF-16 surrogates).
 */
export const messagePayload = (body: unknown): string =>
  JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const queueEntry = (row: OutboxRow) => ({
  MessageBody: messagePayload(row.body),
  // One group per order keeps an order's events in sequence while different orders
  // are spread across competing workers.
  MessageGroupId: row.orderId,
  MessageDeduplicationId: deduplicationId(row),
});

// Sends to the orders queue that happen in the same event-loop turn (concurrent
// requests, a reconciler pass) go out as one SendMessageBatch. Resolves per row with
// null when it was accepted, or the queue's reason when that entry was refused.
const sendToOrdersQueue = batcherPerOwner((transport: Transport) =>
  createBatcher<OutboxRow, string | null>({
    maxBatchSize: 10,
    run: async (rows) => {
      if (rows.length === 1) {
        await transport.sqs.send(new SendMessageCommand({ QueueUrl: transport.ordersQueueUrl, ...queueEntry(rows[0]!) }));
        return [null];
      }
      const out = await transport.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: transport.ordersQueueUrl,
          Entries: rows.map((row, i) => ({ Id: String(i), ...queueEntry(row) })),
        }),
      );
      const refused = new Map((out.Failed ?? []).map((f) => [f.Id, `${f.Code ?? "refused"}: ${f.Message ?? ""}`]));
      return rows.map((_, i) => refused.get(String(i)) ?? null);
    },
  }),
);

type OutboxDb = Pick<PrismaClient, "$executeRaw" | "outboxMessage">;

// The "sent" bookkeeping of concurrent sends is one UPDATE.
const recordSent = batcherPerOwner((db: OutboxDb) =>
  createBatcher<string, void>({
    run: async (ids) => {
      await db.$executeRaw`
        UPDATE "OutboxMessage" SET "sentAt" = ${new Date()}, "sendCount" = "sendCount" + 1, "lastError" = NULL
        WHERE "id" = ANY(${ids}::uuid[])`;
      return ids.map(() => undefined);
    },
  }),
);

/** Hands one outbox row to SQS or SNS and records the outcome; never throws. */
export async function sendOutboxMessage(options: {
  /** A transaction client works too (the reconciler sends while holding the row lock). */
  prisma: OutboxDb;
  transport: Transport;
  row: OutboxRow;
}): Promise<boolean> {
  const { prisma, transport, row } = options;
  try {
    if (row.destination === "ORDERS_QUEUE") {
      const refused = await sendToOrdersQueue(transport)(row);
      if (refused !== null) throw new Error(refused);
    } else {
      await transport.sns.send(
        new PublishCommand({
          TopicArn: transport.orderEventsTopicArn,
          Message: messagePayload(row.body),
          MessageAttributes: { eventType: { DataType: "String", StringValue: row.type } },
        }),
      );
    }
  } catch (error) {
    const info = errorInfo(error);
    logger.warn({ outboxId: row.id, orderId: row.orderId, type: row.type, err: info }, "outbox send failed; the reconciler will retry");
    await prisma.outboxMessage
      .update({ where: { id: row.id }, data: { lastError: info.message.slice(0, 500) } })
      .catch(() => {});
    return false;
  }
  await recordSent(prisma)(row.id).catch((error: unknown) =>
    logger.warn({ outboxId: row.id, err: errorInfo(error) }, "could not record outbox send"),
  );
  return true;
}
