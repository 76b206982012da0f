import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { RateLimitWindow } from "../rate-limit/consume-rate-limit.ts";
import { limitAddressRate } from "../rate-limit/limit-address-rate.ts";
import { optOut } from "./opt-out.ts";

// An email's unsubscribe link (unsubscribe-links.ts) used: by the mail client's own
// button (RFC 8058 one-click POST) or by the page's button. The random token is the only
// credential: mail clients POST without cookies or an Origin of ours.

/** What unsubscribeLinksFor makes (24 random bytes, base64url: 32 characters), with room; nothing else reaches the database. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE = "We couldn't find that unsubscribe link. Please open the whole link from the email.";
const UNSUBSCRIBE_RATE_LIMITED_MESSAGE = "Too many unsubscribe requests from your network; please wait a minute and try again.";

/** The ledger's wording (ConsentRecord.wording): what the customer pressed. */
export const ONE_CLICK_WORDING = "One-click unsubscribe";
export const PAGE_BUTTON_WORDING = "Unsubscribe button";

const isPlausibleUnsubscribeToken = (token: string) => UNSUBSCRIBE_TOKEN_PATTERN.test(token);

/**
 * Stops the emails of the token's address for good (OptOut EMAIL, plus a WITHDRAWN ledger
 * row). Repeating it is harmless: changed is then false. NOT_FOUND for an unknown token.
 */
export async function unsubscribeByToken(options: {
  prisma: Pick<PrismaClient, "unsubscribeToken" | "$transaction">;
  token: string;
  wording: typeof ONE_CLICK_WORDING | typeof PAGE_BUTTON_WORDING;
}): Promise<{ recipient: string; changed: boolean }> {
  const { prisma, token } = options;
  const row = isPlausibleUnsubscribeToken(token)
    ? await prisma.unsubscribeToken.findUnique({ where: { token }, select: { channel: true, recipient: true } })
    : null;
  if (!row) throw new AppError("NOT_FOUND", UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE);
  const { changed } = await optOut({ prisma, channel: row.channel, recipient: row.recipient, source: "email-unsubscribe", wording: options.wording });
  return { recipient: row.recipient, changed };
}

/** For the unsubscribe page: whose link it is and whether they already left; null for an unknown token. */
export async function readUnsubscribeToken(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  token: string;
}): Promise<{ recipient: string; unsubscribed: boolean } | null> {
  if (!isPlausibleUnsubscribeToken(options.token)) return null;
  const [row] = await options.prisma.$queryRaw<{ recipient: string; unsubscribed: boolean }[]>`
    SELECT t."recipient", EXISTS (SELECT 1 FROM "OptOut" o WHERE o."channel" = t."channel" AND o."recipient" = t."recipient") AS "unsubscribed"
    FROM "UnsubscribeToken" t WHERE t."token" = ${options.token}`;
  return row ?? null;
}

/**
 * Per client address, whatever token or header the request varies. Generous: a big mail
 * provider's one-click POSTs for all its users come from few addresses.
 */
export const UNSUBSCRIBE_WINDOWS: RateLimitWindow[] = [
  { seconds: 60, max: 30 },
  { seconds: 3600, max: 300 },
];

/** Counts one unsubscribe request of `clientIp`; RATE_LIMITED (with retryAfterSeconds) when over. The key is a hash, not the address. */
export async function limitUnsubscribeRate(options: { prisma: Pick<PrismaClient, "$queryRaw">; clientIp: string; now?: Date }): Promise<void> {
  await limitAddressRate({ ...options, scope: "unsubscribe-address", windows: UNSUBSCRIBE_WINDOWS, message: UNSUBSCRIBE_RATE_LIMITED_MESSAGE });
}
