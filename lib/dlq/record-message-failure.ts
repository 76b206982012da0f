import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo } from "../log.ts";
import type { ReceivedMessage } from "../queue/consumer.ts";

/**
 * Keeps the last handler error per SQS message id. A message keeps its id when SQS moves
 * it to the dead-letter queue, so this is the "why" shown beside it on the dashboard.
 */
export async function recordMessageFailure(options: {
  prisma: Pick<PrismaClient, "$executeRaw">;
  queue: string;
  message: Pick<ReceivedMessage, "messageId" | "body" | "receiveCount">;
  error: unknown;
  now?: Date;
}): Promise<void> {
  const { prisma, queue, message } = options;
  if (!message.messageId) return;
  const now = options.now ?? new Date();
  const info = errorInfo(options.error);
  const text = `${typeof info.code === "string" ? `${info.code}: ` : ""}${info.message}`.slice(0, 1000);
  await prisma.$executeRaw`
    INSERT INTO "MessageFailure" ("messageId", "queue", "error", "receiveCount", "body", "firstFailedAt", "lastFailedAt")
    VALUES (${message.messageId}, ${queue}, ${text}, ${message.receiveCount}, ${message.body.slice(0, 64_000)}, ${now}, ${now})
    ON CONFLICT ("messageId") DO UPDATE SET
      "error" = EXCLUDED."error", "receiveCount" = GREATEST("MessageFailure"."receiveCount", EXCLUDED."receiveCount"),
      "lastFailedAt" = EXCLUDED."lastFailedAt"`;
}
