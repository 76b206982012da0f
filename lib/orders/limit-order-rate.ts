import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit.ts";

export const RATE_LIMITED_MESSAGE = "You've placed several orders in a short time; please wait a minute and try again.";

/**
 * Counts an order attempt against the client's limits and refuses it (RATE_LIMITED,
 * with retryAfterSeconds) when over. The client is its address plus the browser's
 * device id when sent, so customers sharing a shop's Wi-Fi are counted apart; the key
 * is a hash, so the table holds no addresses.
 */
export async function limitOrderRate(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  clientIp: string;
  deviceId?: string | undefined;
  perMinute: number;
  perHour: number;
  now?: Date;
}): Promise<void> {
  const key = createHash("sha256").update(`order\n${options.clientIp}\n${options.deviceId ?? ""}`).digest("base64url");
  const result = await consumeRateLimit({
    prisma: options.prisma,
    key,
    windows: [
      { seconds: 60, max: options.perMinute },
      { seconds: 3600, max: options.perHour },
    ],
    now: options.now,
  });
  if (!result.allowed) throw new AppError("RATE_LIMITED", RATE_LIMITED_MESSAGE, { retryAfterSeconds: result.retryAfterSeconds });
}
