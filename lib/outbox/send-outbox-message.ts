import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
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
export const deduplicationId = (row: Pick<OutboxRow, "id" | "orderId" | "type">) =>
  `${row.orderId}:${row.type}:${row.id}`;

/**
 * The message body as JSON with every non-ASCII character escaped (\uXXXX). The parsed
 * value is identical, but the text is plain ASCII, which every SQS/SNS implementation
 * accepts (the local emulator, for one, refuses emoji sent as raw UTF-16 surrogates).
 */
export const messagePayload = (body: unknown): string =>
  JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Hands one outbox row to SQS or SNS and records the outcome; never throws. */
export async function sendOutboxMessage(options: {
  /** A transaction client works too (the reconciler sends while holding the row lock). */
  prisma: Pick<PrismaClient, "outboxMessage">;
  transport: Transport;
  row: OutboxRow;
}): Promise<boolean> {
  const { prisma, transport, row } = options;
  const payload = messagePayload(row.body);
  try {
    if (row.destination === "ORDERS_QUEUE") {
      await transport.sqs.send(
        new SendMessageCommand({
          QueueUrl: transport.ordersQueueUrl,
          MessageBody: payload,
          // One group per order keeps an order's events in sequence while different
          // orders are spread across competing workers.
          MessageGroupId: row.orderId,
          MessageDeduplicationId: deduplicationId(row),
        }),
      );
    } else {
      await transport.sns.send(
        new PublishCommand({
          TopicArn: transport.orderEventsTopicArn,
          Message: payload,
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
  await prisma.outboxMessage
    .update({ where: { id: row.id }, data: { sentAt: new Date(), sendCount: { increment: 1 }, lastError: null } })
    .catch((error) => logger.warn({ outboxId: row.id, err: errorInfo(error) }, "could not record outbox send"));
  return true;
}
