import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * Records that the consumer of an outbox row has acted on it, so the reconciler stops
 * re-sending it. Called inside the consumer's own transaction where there is one.
 */
export async function markOutboxProcessed(options: {
  db: Pick<PrismaClient, "outboxMessage">;
  outboxId: string;
  now?: Date;
}): Promise<void> {
  await options.db.outboxMessage.updateMany({
    where: { id: options.outboxId, processedAt: null },
    data: { processedAt: options.now ?? new Date() },
  });
}
