import type { PrismaClient } from "../generated/prisma/client.ts";
import type { RateLimitWindow } from "../rate-limit/consume-rate-limit.ts";
import { limitAddressRate } from "../rate-limit/limit-address-rate.ts";

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
  await limitAddressRate({ ...options, scope: "push-address", windows: PUSH_RATE_LIMIT_WINDOWS, message: PUSH_RATE_LIMITED_MESSAGE });
}
