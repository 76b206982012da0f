import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { consumeRateLimit, type RateLimitWindow } from "./consume-rate-limit.ts";

/**
 * Counts one request of `clientIp` against a route's per-address limit (`scope` keeps routes
 * apart); RATE_LIMITED with retryAfterSeconds and `message` when over. Only the address
 * counts, so no request field resets it; the key is a hash, so the table holds no addresses.
 */
export async function limitAddressRate(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  scope: string;
  clientIp: string;
  windows: RateLimitWindow[];
  message: string;
  now?: Date;
}): Promise<void> {
  const key = createHash("sha256").update(`${options.scope}\n${options.clientIp}`).digest("base64url");
  const result = await consumeRateLimit({ prisma: options.prisma, key, windows: options.windows, now: options.now });
  if (!result.allowed) throw new AppError("RATE_LIMITED", options.message, { retryAfterSeconds: result.retryAfterSeconds });
}
