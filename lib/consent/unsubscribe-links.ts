import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** Where an email's recipient unsubscribes: the one-click POST target (RFC 8058) and the page a person opens. */
export type UnsubscribeLinks = { oneClickUrl: string; pageUrl: string };

/**
 * The unsubscribe links of an email address: one random token per address, made on its first
 * email and reused after (so every email to it carries a working link, and nothing secret is
 * derived from a key the web and worker would have to share).
 */
export async function unsubscribeLinksFor(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  recipient: string;
  publicBaseUrl: string;
}): Promise<UnsubscribeLinks> {
  const fresh = randomBytes(24).toString("base64url");
  // DO UPDATE (a no-op) rather than DO NOTHING, so RETURNING gives the kept token too.
  const [row] = await options.prisma.$queryRaw<{ token: string }[]>`
    INSERT INTO "UnsubscribeToken" ("token", "channel", "recipient") VALUES (${fresh}, 'EMAIL', ${options.recipient})
    ON CONFLICT ("channel", "recipient") DO UPDATE SET "recipient" = EXCLUDED."recipient"
    RETURNING "token"`;
  const token = encodeURIComponent(row!.token);
  return {
    oneClickUrl: new URL(`/api/unsubscribe/${token}`, options.publicBaseUrl).toString(),
    pageUrl: new URL(`/unsubscribe/${token}`, options.publicBaseUrl).toString(),
  };
}
