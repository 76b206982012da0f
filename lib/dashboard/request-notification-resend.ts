import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import { AppError } from "../errors.ts";
import type { NotificationChannel, PrismaClient } from "../generated/prisma/client.ts";
import { buildNotificationResend, NOTIFICATION_RESEND } from "../messages/notification-resend.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { Transport } from "../queue/transport.ts";
import { CHANNEL_LABELS } from "./delivery-stats.ts";

type Row = { channel: NotificationChannel; event: string; ticketNumber: number };

/**
 * A manager's Resend of a FAILED notification. The web only writes Postgres and sends
 * to SQS (the worker is the one SNS publisher): the `notification.resend` outbox row is
 * written by one conditional statement, beside the audit row in the same transaction,
 * then sent to the orders queue (the reconciler sends it if this send fails). A resend
 * already on its way is not asked for twice. The body is built in TypeScript from the
 * notification's order id, read first (a notification never moves to another order).
 */
export async function requestNotificationResend(options: {
  prisma: PrismaClient;
  transport: Transport;
  actor: Pick<StaffUser, "id" | "name">;
  notificationId: string;
}): Promise<{ outboxId: string }> {
  const { prisma, notificationId } = options;
  const outboxId = crypto.randomUUID();
  const body = await prisma.$transaction(async (tx) => {
    const notification = await tx.notification.findUnique({ where: { id: notificationId }, select: { orderId: true } });
    if (!notification) throw await whyNot(tx, notificationId);
    const message = buildNotificationResend({ outboxId, orderId: notification.orderId, notificationId });
    const [inserted] = await tx.$queryRaw<Row[]>`
      WITH n AS (
        SELECT n."id", n."orderId", n."channel"::text AS "channel", n."event", o."ticketNumber"
        FROM "Notification" n JOIN "Order" o ON o."id" = n."orderId"
        WHERE n."id" = ${notificationId}::uuid AND n."orderId" = ${message.orderId}::uuid AND n."status" = 'FAILED'
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" m
            WHERE m."orderId" = n."orderId" AND m."type" = ${NOTIFICATION_RESEND.type} AND m."processedAt" IS NULL
              AND m."abandonedAt" IS NULL AND m."body"->>'notificationId' = n."id"::text)
      ),
      ins AS (
        INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
        SELECT ${message.outboxId}::uuid, n."orderId", ${NOTIFICATION_RESEND.destination}::"OutboxDestination", ${message.type}, ${JSON.stringify(message)}::jsonb
        FROM n
        RETURNING "id"
      )
      SELECT n."channel", n."event", n."ticketNumber" FROM ins, n`;
    if (!inserted) throw await whyNot(tx, notificationId);
    await recordStaffAction({
      tx,
      actor: options.actor,
      action: "notification.resend",
      orderId: message.orderId,
      summary: `Resend ${CHANNEL_LABELS[inserted.channel].toLowerCase()} "${inserted.event}" for ticket #${inserted.ticketNumber}`,
      details: { notificationId, outboxId },
    });
    return message;
  });
  await sendOutboxMessage({
    prisma,
    transport: options.transport,
    row: { id: body.outboxId, orderId: body.orderId, destination: NOTIFICATION_RESEND.destination, type: body.type, body },
  });
  return { outboxId };
}

async function whyNot(tx: Pick<PrismaClient, "notification">, id: string): Promise<AppError> {
  const n = await tx.notification.findUnique({ where: { id }, select: { status: true } });
  if (!n) return new AppError("NOT_FOUND", "That notification does not exist");
  if (n.status !== "FAILED") return new AppError("CONFLICT", `That notification is ${n.status.toLowerCase()}, not failed`);
  return new AppError("CONFLICT", "A resend of that notification is already on its way");
}
