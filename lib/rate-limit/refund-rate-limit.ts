import type { PrismaClient } from "../generated/prisma/client.ts";
import { windowCounters, type RateLimitWindow } from "./consume-rate-limit.ts";

/**
 * Takes back one hit that consumeRateLimit counted at `now` (pass the same `now`, so
 * the same window rows are found even if a window has rolled over since). For limits
 * that count failures only: the attempt holds its place while it is checked, which is
 * what stops a burst of parallel guesses from all slipping past the limit, and gives
 * it back when it turns out to be no failure. A counter already swept away is left alone.
 */
export async function refundRateLimit(options: {
  prisma: Pick<PrismaClient, "$executeRaw">;
  key: string;
  windows: RateLimitWindow[];
  now: Date;
}): Promise<void> {
  const counters = windowCounters(
    options.key,
    options.windows.filter((w) => w.max > 0),
    options.now.getTime(),
  );
  if (counters.length === 0) return;
  await options.prisma.$executeRaw`
    UPDATE "RateLimitHit" h SET "count" = h."count" - 1
    FROM unnest(${counters.map((c) => c.key)}::text[], ${counters.map((c) => new Date(c.start).toISOString())}::timestamptz[]) AS w(k, s)
    WHERE h."key" = w.k AND h."windowStart" = w.s AND h."count" > 0`;
}
