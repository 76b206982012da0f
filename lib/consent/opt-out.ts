import type { NotificationChannel, Prisma, PrismaClient } from "../generated/prisma/client.ts";

// Opting out and back in: the OptOut row is what the notifier checks (claim-notifications.ts),
// the ConsentRecord row is the ledger's account of it. Both change in one transaction.

type Db = Pick<PrismaClient, "$transaction"> | Prisma.TransactionClient;

type ConsentChange = {
  /** A client (a transaction of its own) or a transaction the caller is in (with its other writes). */
  prisma: Db;
  channel: NotificationChannel;
  recipient: string;
  /** Where: "sms-reply", "email-unsubscribe", … */
  source: string;
  /** What the customer said or pressed (the text they replied, the button). */
  wording: string;
  orderId?: string | null;
};

/** Never message `recipient` on `channel` again (until optIn); false when it had already opted out. */
export async function optOut(options: ConsentChange): Promise<{ changed: boolean }> {
  const { channel, recipient, source, wording } = options;
  return inTransaction(options.prisma, async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "OptOut" ("channel", "recipient", "source") VALUES (${channel}::"NotificationChannel", ${recipient}, ${source})
      ON CONFLICT ("channel", "recipient") DO NOTHING`;
    // The ledger keeps every request, repeated ones too: it is the customer's account of what they asked.
    await tx.$executeRaw`
      INSERT INTO "ConsentRecord" ("id", "channel", "recipient", "action", "source", "wording", "orderId")
      VALUES (gen_random_uuid(), ${channel}::"NotificationChannel", ${recipient}, 'WITHDRAWN', ${source}, ${wording}, ${options.orderId ?? null}::uuid)`;
    return { changed: inserted > 0 };
  });
}

/** Messages to `recipient` on `channel` may resume (START); false when it had not opted out. */
export async function optIn(options: ConsentChange): Promise<{ changed: boolean }> {
  const { channel, recipient, source, wording } = options;
  return inTransaction(options.prisma, async (tx) => {
    const deleted = await tx.$executeRaw`
      DELETE FROM "OptOut" WHERE "channel" = ${channel}::"NotificationChannel" AND "recipient" = ${recipient}`;
    await tx.$executeRaw`
      INSERT INTO "ConsentRecord" ("id", "channel", "recipient", "action", "source", "wording", "orderId")
      VALUES (gen_random_uuid(), ${channel}::"NotificationChannel", ${recipient}, 'GRANTED', ${source}, ${wording}, ${options.orderId ?? null}::uuid)`;
    return { changed: deleted > 0 };
  });
}

/** Prisma cannot nest transactions: inside one already, the work joins it. */
function inTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}
