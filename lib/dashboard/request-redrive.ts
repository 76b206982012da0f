import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * A manager's request to send dead-lettered messages back to their queue. The web only
 * marks the request; the worker's dead-letter monitor sees it within a second and does
 * the moving (it is the one that receives from queues). Messages already redriven, gone
 * or asked for are skipped; asking for nothing that is still there is a CONFLICT.
 */
export async function requestRedrive(options: {
  prisma: PrismaClient;
  actor: Pick<StaffUser, "id" | "name">;
  messageIds: string[];
  now?: Date;
}): Promise<{ requested: { messageId: string; queue: string }[] }> {
  const { prisma, actor, messageIds } = options;
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const requested = await tx.$queryRaw<{ messageId: string; queue: string }[]>`
      UPDATE "DeadLetterMessage" SET "redriveRequestedAt" = ${now}, "redriveRequestedBy" = ${actor.name}
      WHERE "messageId" = ANY(${messageIds}::text[]) AND "goneAt" IS NULL AND "redrivenAt" IS NULL AND "redriveRequestedAt" IS NULL
      RETURNING "messageId", "queue"`;
    if (requested.length === 0) throw new AppError("CONFLICT", "Nothing to redrive: those messages were already redriven or are no longer in the dead-letter queue");
    const queues = [...new Set(requested.map((r) => r.queue))].join(", ");
    await recordStaffAction({
      tx,
      actor,
      action: "dlq.redrive",
      summary: `Redrive ${requested.length} dead-lettered message${requested.length === 1 ? "" : "s"} (${queues})`,
      details: { messageIds: requested.map((r) => r.messageId) },
    });
    return { requested };
  });
}
