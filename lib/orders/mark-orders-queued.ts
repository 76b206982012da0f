import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import type { OrderPlacedMessage } from "../messages/order-placed.ts";

export type MarkQueuedResult = { queued: boolean } | { error: AppError };

type Row = { n: bigint; queued: boolean; found: boolean };

/**
 * The worker's side of `order.placed`: puts placed orders on the barista board, PLACED →
 * QUEUED (a status; nothing here touches SQS), and each message's outbox
 * row processed, for a whole received batch in one statement (one round trip, one
 * commit). The update is conditional on PLACED, so a redelivered or concurrently
 * handled message changes nothing the second time. An order that does not exist gets
 * an error result (its message is retried, then dead-lettered for a human to look at)
 * without holding up the others.
 */
export async function markOrdersQueued(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  messages: OrderPlacedMessage[];
  now?: Date;
}): Promise<MarkQueuedResult[]> {
  const { prisma, messages } = options;
  if (messages.length === 0) return [];
  const now = options.now ?? new Date();
  const orderIds = messages.map((m) => m.orderId);
  const outboxIds = messages.map((m) => m.outboxId);
  // The same order twice in one batch (a resend next to the original) is credited to
  // its first message only, so it is logged as queued once.
  const rows = await prisma.$queryRaw<Row[]>`
    WITH input AS (
      SELECT t.order_id, t.outbox_id, t.n
      FROM unnest(${orderIds}::uuid[], ${outboxIds}::uuid[]) WITH ORDINALITY AS t(order_id, outbox_id, n)
    ),
    queued AS (
      UPDATE "Order" o SET "status" = 'QUEUED', "queuedAt" = ${now}
      FROM (SELECT DISTINCT order_id FROM input) i
      WHERE o."id" = i.order_id AND o."status" = 'PLACED'
      RETURNING o."id"
    ),
    processed AS (
      UPDATE "OutboxMessage" m SET "processedAt" = ${now}
      FROM input i
      WHERE m."id" = i.outbox_id AND m."orderId" = i.order_id AND m."processedAt" IS NULL
      RETURNING m."id"
    )
    SELECT i.n,
      (q."id" IS NOT NULL AND i.n = (SELECT min(j.n) FROM input j WHERE j.order_id = i.order_id)) AS queued,
      EXISTS (SELECT 1 FROM "Order" x WHERE x."id" = i.order_id) AS found
    FROM input i LEFT JOIN queued q ON q."id" = i.order_id
    ORDER BY i.n`;

  return rows.map((row, index): MarkQueuedResult => {
    const message = messages[index]!;
    if (!row.found) return { error: new AppError("NOT_FOUND", `order ${message.orderId} does not exist`) };
    if (row.queued) logger.info({ orderId: message.orderId, ticket: message.ticketNumber }, "order queued");
    else logger.debug({ orderId: message.orderId }, "order.placed already handled");
    return { queued: row.queued };
  });
}
