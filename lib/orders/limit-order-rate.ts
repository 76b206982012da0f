import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { consumeRateLimit, type RateLimitWindow } from "../rate-limit/consume-rate-limit.ts";

export const RATE_LIMITED_MESSAGE = "You've placed several orders in a short time; please wait a minute and try again.";
export const ADDRESS_RATE_LIMITED_MESSAGE =
  "We're getting a lot of orders from your network right now; please wait a minute and try again, or order at the counter.";

const keyOf = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url");

export type OrderRateLimits = {
  /** Orders per address, whatever device id the body names (a body field must not reset it). */
  address: { perMinute: number; perHour: number };
  /** Orders per address and device id: phones sharing a café's Wi-Fi are counted apart. */
  device: { perMinute: number; perHour: number };
};

const windowsOf = (limits: { perMinute: number; perHour: number }): RateLimitWindow[] => [
  { seconds: 60, max: limits.perMinute },
  { seconds: 3600, max: limits.perHour },
];

/**
 * Counts an order attempt against the client's limits and refuses it (RATE_LIMITED,
 * with retryAfterSeconds) when over: first the address's own window, which no device id
 * resets, then the device's narrower one on top. The keys are hashes, so the table holds
 * no addresses.
 */
export async function limitOrderRate(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  clientIp: string;
  deviceId?: string | undefined;
  limits: OrderRateLimits;
  now?: Date;
}): Promise<void> {
  const { prisma, clientIp, now } = options;
  // Both at once: the limiter batches the hits of one turn into one statement, so the
  // second window costs the order path no extra round trip. The device key keeps its
  // old shape, so counts survive an upgrade mid-day.
  const [address, device] = await Promise.all([
    consumeRateLimit({ prisma, key: keyOf("order-address", clientIp), windows: windowsOf(options.limits.address), now }),
    consumeRateLimit({ prisma, key: keyOf("order", clientIp, options.deviceId ?? ""), windows: windowsOf(options.limits.device), now }),
  ]);
  if (!address.allowed) throw new AppError("RATE_LIMITED", ADDRESS_RATE_LIMITED_MESSAGE, { retryAfterSeconds: address.retryAfterSeconds });
  if (!device.allowed) throw new AppError("RATE_LIMITED", RATE_LIMITED_MESSAGE, { retryAfterSeconds: device.retryAfterSeconds });
}

/** The limits as configured (lib/config.ts). */
export const orderRateLimitsOf = (config: {
  ORDER_RATE_LIMIT_PER_MINUTE: number;
  ORDER_RATE_LIMIT_PER_HOUR: number;
  ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: number;
  ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: number;
}): OrderRateLimits => ({
  address: { perMinute: config.ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE, perHour: config.ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR },
  device: { perMinute: config.ORDER_RATE_LIMIT_PER_MINUTE, perHour: config.ORDER_RATE_LIMIT_PER_HOUR },
});
