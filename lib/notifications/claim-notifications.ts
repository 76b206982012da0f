import type { NotificationChannel, NotificationStatus, PrismaClient } from "../generated/prisma/client.ts";

export type ClaimedNotification = { id: string; channel: NotificationChannel; recipient: string; attempts: number };
export type ExistingNotification = { id: string; channel: NotificationChannel; status: NotificationStatus; claimedAt: string | null };

/** lastError of a notification not sent because its recipient had their day's messages. */
export const DAILY_LIMIT_REASON = "daily limit for this recipient reached";
/** lastError of a notification not sent because its recipient opted out (STOP, unsubscribe). */
export const OPTED_OUT_REASON = "opted out";

export type NotificationClaims = {
  order: { customerName: string; ticketNumber: number; publicToken: string };
  /** Channels this worker now holds (SENDING) and must send and record. */
  claimed: ClaimedNotification[];
  /** Channels this worker marked SKIPPED now (opted out, or the recipient's daily limit): nothing to send. */
  skipped: { id: string; channel: NotificationChannel; reason: string }[];
  /** Rows of the wanted channels that existed before and were not claimed now. */
  existing: ExistingNotification[];
  /** The channels the order asked for, with the sender enabled. */
  wanted: NotificationChannel[];
};

// Two-key advisory locks are a key space of their own: no clash with the single-key
// locks elsewhere (capacity, dead-letter sync).
const RECIPIENT_LOCK_SPACE = 0x6e746679;

type ClaimOptions = {
  prisma: Pick<PrismaClient, "$queryRaw" | "$transaction">;
  outboxId: string;
  orderId: string;
  event: string;
  channels: NotificationChannel[];
  /** Texts and emails one recipient may get in 24 hours (SENT or SENDING, any order); 0 or absent = no limit. Push is free and not limited. */
  dailyLimitPerRecipient?: number;
  now?: Date;
};

/**
 * In one statement: the event's outbox row is marked processed and each channel's Notification
 * row is claimed (PENDING → SENDING, or created claimed; SKIPPED for an opted-out recipient); its unique key (order, event, channel)
 * lets only one of two workers claim a channel. Null when the order does not exist. With a daily
 * limit, a recipient at the limit is SKIPPED, and the claim takes a per-recipient advisory lock:
 * the unique key cannot stop two workers taking the last place. (docs/ARCHITECTURE.md, "Notifications")
 */
export async function claimNotifications(options: ClaimOptions): Promise<NotificationClaims | null> {
  const limit = options.dailyLimitPerRecipient ?? 0;
  if (limit <= 0) return claim(options.prisma, options, 0);
  return options.prisma.$transaction(async (tx) => {
    // Sorted, so two workers locking the same two recipients cannot deadlock.
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock(${RECIPIENT_LOCK_SPACE}::int, k))::int AS "locked"
      FROM (
        SELECT DISTINCT hashtext(r) AS k
        FROM "Order" o, LATERAL (VALUES (o."phone"), (o."email")) AS v(r)
        WHERE o."id" = ${options.orderId}::uuid AND r IS NOT NULL
        ORDER BY k
      ) keys`;
    return claim(tx, options, limit);
  });
}

async function claim(prisma: Pick<PrismaClient, "$queryRaw">, options: ClaimOptions, limit: number): Promise<NotificationClaims | null> {
  const { outboxId, orderId, event, channels } = options;
  const now = options.now ?? new Date();
  // createdAt is the database's clock, so the window is too.
  const rows = await prisma.$queryRaw<NotificationClaims[]>`
    WITH processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now} WHERE "id" = ${outboxId}::uuid AND "processedAt" IS NULL
    ),
    o AS (
      SELECT "id", "customerName", "ticketNumber", "publicToken", "phone", "email",
        (SELECT p."endpoint" FROM "PushSubscription" p WHERE p."orderId" = "Order"."id") AS "pushEndpoint"
      FROM "Order" WHERE "id" = ${orderId}::uuid
    ),
    candidates AS (
      SELECT c.channel, c.recipient
      FROM o, LATERAL (VALUES ('SMS'::"NotificationChannel", o."phone"), ('EMAIL'::"NotificationChannel", o."email"), ('PUSH'::"NotificationChannel", o."pushEndpoint")) AS c(channel, recipient)
      WHERE c.recipient IS NOT NULL AND c.channel::text = ANY(${channels}::text[])
    ),
    wanted AS (
      SELECT c.channel, c.recipient,
        CASE
          WHEN EXISTS (SELECT 1 FROM "OptOut" x WHERE x."channel" = c.channel AND x."recipient" = c.recipient) THEN ${OPTED_OUT_REASON}::text
          WHEN c.channel <> 'PUSH' AND ${limit}::int > 0 AND (
            SELECT count(*) FROM "Notification" n
            WHERE n."recipient" = c.recipient AND n."status" IN ('SENT', 'SENDING') AND n."createdAt" > now() - interval '24 hours'
          ) >= ${limit}::int THEN ${DAILY_LIMIT_REASON}::text
        END AS "skipReason"
      FROM candidates c
    ),
    inserted AS (
      INSERT INTO "Notification" ("id", "orderId", "event", "channel", "recipient", "status", "attempts", "claimedAt", "lastError")
      SELECT gen_random_uuid(), ${orderId}::uuid, ${event}, w.channel, w.recipient,
        CASE WHEN w."skipReason" IS NOT NULL THEN 'SKIPPED' ELSE 'SENDING' END::"NotificationStatus",
        CASE WHEN w."skipReason" IS NOT NULL THEN 0 ELSE 1 END, CASE WHEN w."skipReason" IS NOT NULL THEN NULL ELSE ${now}::timestamptz END,
        w."skipReason"
      FROM wanted w
      ON CONFLICT ("orderId", "event", "channel") DO NOTHING
      RETURNING "id", "channel", "recipient", "attempts", "status", "lastError"
    ),
    reclaimed AS (
      UPDATE "Notification" n SET
        "status" = CASE WHEN w."skipReason" IS NOT NULL THEN 'SKIPPED' ELSE 'SENDING' END::"NotificationStatus",
        "attempts" = n."attempts" + CASE WHEN w."skipReason" IS NOT NULL THEN 0 ELSE 1 END,
        "claimedAt" = CASE WHEN w."skipReason" IS NOT NULL THEN n."claimedAt" ELSE ${now}::timestamptz END,
        "lastError" = COALESCE(w."skipReason", n."lastError")
      FROM wanted w
      WHERE n."orderId" = ${orderId}::uuid AND n."event" = ${event} AND n."channel" = w.channel AND n."status" = 'PENDING'
      RETURNING n."id", n."channel", n."recipient", n."attempts", n."status", n."lastError"
    ),
    taken AS (SELECT * FROM inserted UNION ALL SELECT * FROM reclaimed)
    SELECT
      json_build_object('customerName', o."customerName", 'ticketNumber', o."ticketNumber", 'publicToken', o."publicToken") AS "order",
      COALESCE((
        SELECT json_agg(json_build_object('id', t."id", 'channel', t."channel", 'recipient', t."recipient", 'attempts', t."attempts"))
        FROM taken t WHERE t."status" = 'SENDING'), '[]'::json) AS "claimed",
      COALESCE((
        SELECT json_agg(json_build_object('id', t."id", 'channel', t."channel", 'reason', t."lastError"))
        FROM taken t WHERE t."status" = 'SKIPPED'), '[]'::json) AS "skipped",
      COALESCE((
        SELECT json_agg(json_build_object('id', n."id", 'channel', n."channel", 'status', n."status", 'claimedAt', n."claimedAt"))
        FROM "Notification" n JOIN wanted w ON w.channel = n."channel"
        WHERE n."orderId" = o."id" AND n."event" = ${event}
          AND n."id" NOT IN (SELECT "id" FROM reclaimed)), '[]'::json) AS "existing",
      COALESCE((SELECT json_agg(w.channel) FROM wanted w), '[]'::json) AS "wanted"
    FROM o`;
  return rows[0] ?? null;
}
