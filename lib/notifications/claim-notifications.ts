import type { NotificationChannel, NotificationStatus, PrismaClient } from "../generated/prisma/client.ts";

export type ClaimedNotification = { id: string; channel: NotificationChannel; recipient: string; attempts: number };
export type ExistingNotification = { id: string; channel: NotificationChannel; status: NotificationStatus; claimedAt: string | null };

export type NotificationClaims = {
  order: { customerName: string; ticketNumber: number };
  /** Channels this worker now holds (SENDING) and must send and record. */
  claimed: ClaimedNotification[];
  /** Rows of the wanted channels that existed before and were not claimed now. */
  existing: ExistingNotification[];
  /** The channels the order asked for, with the sender enabled. */
  wanted: NotificationChannel[];
};

/**
 * First step of telling a customer about their order (ready, cancelled), in one statement: the event's
 * outbox row is marked processed, and for each channel the customer gave (and this
 * worker can send on) a Notification row is claimed, PENDING → SENDING, or created
 * already claimed. The row is unique per order, event and channel, so of two workers
 * handling the same event only one claims a channel. Null when the order does not exist.
 */
export async function claimNotifications(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  outboxId: string;
  orderId: string;
  event: string;
  channels: NotificationChannel[];
  now?: Date;
}): Promise<NotificationClaims | null> {
  const { prisma, outboxId, orderId, event, channels } = options;
  const now = options.now ?? new Date();
  const rows = await prisma.$queryRaw<NotificationClaims[]>`
    WITH processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now} WHERE "id" = ${outboxId}::uuid AND "processedAt" IS NULL
    ),
    o AS (SELECT "id", "customerName", "ticketNumber", "phone", "email" FROM "Order" WHERE "id" = ${orderId}::uuid),
    wanted AS (
      SELECT c.channel, c.recipient
      FROM o, LATERAL (VALUES ('SMS'::"NotificationChannel", o."phone"), ('EMAIL'::"NotificationChannel", o."email")) AS c(channel, recipient)
      WHERE c.recipient IS NOT NULL AND c.channel::text = ANY(${channels}::text[])
    ),
    inserted AS (
      INSERT INTO "Notification" ("id", "orderId", "event", "channel", "recipient", "status", "attempts", "claimedAt")
      SELECT gen_random_uuid(), ${orderId}::uuid, ${event}, w.channel, w.recipient, 'SENDING', 1, ${now} FROM wanted w
      ON CONFLICT ("orderId", "event", "channel") DO NOTHING
      RETURNING "id", "channel", "recipient", "attempts"
    ),
    reclaimed AS (
      UPDATE "Notification" n SET "status" = 'SENDING', "attempts" = n."attempts" + 1, "claimedAt" = ${now}
      FROM wanted w
      WHERE n."orderId" = ${orderId}::uuid AND n."event" = ${event} AND n."channel" = w.channel AND n."status" = 'PENDING'
      RETURNING n."id", n."channel", n."recipient", n."attempts"
    )
    SELECT
      json_build_object('customerName', o."customerName", 'ticketNumber', o."ticketNumber") AS "order",
      COALESCE((SELECT json_agg(c) FROM (SELECT * FROM inserted UNION ALL SELECT * FROM reclaimed) c), '[]'::json) AS "claimed",
      COALESCE((
        SELECT json_agg(json_build_object('id', n."id", 'channel', n."channel", 'status', n."status", 'claimedAt', n."claimedAt"))
        FROM "Notification" n JOIN wanted w ON w.channel = n."channel"
        WHERE n."orderId" = o."id" AND n."event" = ${event}
          AND n."id" NOT IN (SELECT "id" FROM reclaimed)), '[]'::json) AS "existing",
      COALESCE((SELECT json_agg(w.channel) FROM wanted w), '[]'::json) AS "wanted"
    FROM o`;
  return rows[0] ?? null;
}
