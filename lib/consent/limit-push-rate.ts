import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { consumeRateLimit, type RateLimitWindow } from "../rate-limit/consume-rate-limit.ts";

// Turning push on or off is a tap or two per order; these limits only stop a client from
// hammering the route (each call is a locked read and a ledger row) or guessing tokens.
// Per address: a café's customers share one, hence room for a busy hour.
const PUSH_RATE_LIMIT_WINDOWS: RateLimitWindow[] = [
  { seconds: 60, max: 30 },
  { seconds: 3600, max: 300 },
];

const PUSH_RATE_LIMITED_MESSAGE = "Too many notification changes from your network just now; please try again in a minute.";

/** Counts one subscribe/unsubscribe against the client's address; RATE_LIMITED (with retryAfterSeconds) when over. */
export async function limitPushRate(options: { prisma: Pick<PrismaClient, "$queryRaw">; clientIp: string; now?: Date }): Promise<void> {
  // A hash, so the table holds no addresses.
  const key = createHash("sha256").update(`push-address\n${options.clientIp}`).digest("base64url");
  const result = await consumeRateLimit({ prisma: options.prisma, key, windows: PUSH_RATE_LIMIT_WINDOWS, now: options.now });
  if (!result.allowed) throw new AppError("RATE_LIMITED", PUSH_RATE_LIMITED_MESSAGE, { retryAfterSeconds: result.retryAfterSeconds });
}
