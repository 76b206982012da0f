import { batcherPerOwner, createBatcher } from "../async/create-batcher.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

export type RateLimitWindow = { seconds: number; max: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

type Db = Pick<PrismaClient, "$queryRaw">;
/** One caller's hits: a counter (key + window start) per window. */
type Hits = { counters: { key: string; start: number }[]; cutoff: number };

const counterId = (c: { key: string; start: number }) => `${c.key}@${c.start}`;

/**
 * The counter each window keeps for `key` at `now`: fixed windows, so every web
 * instance agrees on where one starts. The window length is part of the key, as a
 * minute and an hour can start at the same instant. refundRateLimit finds the same rows.
 */
export function windowCounters(key: string, windows: RateLimitWindow[], now: number): { key: string; start: number }[] {
  return windows.map((w) => ({ key: `${key}:${w.seconds}`, start: Math.floor(now / (w.seconds * 1000)) * w.seconds * 1000 }));
}

// The hits of every request in one event-loop turn go to Postgres as one statement:
// the limiter runs on each order, and a statement per request would cost the order
// path a round trip. Each counter is upserted once with the number of hits it got in
// the batch, and the callers that hit the same counter get consecutive counts, as if
// they had come one after another.
const upsertCounters = batcherPerOwner((prisma: Db) =>
  createBatcher<Hits, number[]>({
    run: async (calls) => {
      const hits = new Map<string, { key: string; start: number; n: number }>();
      for (const c of calls.flatMap((call) => call.counters)) {
        const id = counterId(c);
        const entry = hits.get(id) ?? { ...c, n: 0 };
        entry.n++;
        hits.set(id, entry);
      }
      const list = [...hits.values()];
      // Every current window starts after the earliest cutoff, so the delete never
      // touches a live counter. At most 20 expired rows per statement, skipping rows
      // another statement is deleting: the table stays small without a sweeper.
      const cutoff = new Date(Math.min(...calls.map((c) => c.cutoff)));
      // One row back with the counts in input order: Prisma turns every returned row
      // into an object, and on the order path that per-row cost shows.
      const [row] = await prisma.$queryRaw<{ counts: number[] | null }[]>`
        WITH expired AS (
          DELETE FROM "RateLimitHit" WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM "RateLimitHit" WHERE "windowStart" < ${cutoff}
            LIMIT 20 FOR UPDATE SKIP LOCKED))
        ),
        input AS (
          SELECT * FROM unnest(
            ${list.map((h) => h.key)}::text[],
            ${list.map((h) => new Date(h.start).toISOString())}::timestamptz[],
            ${list.map((h) => h.n)}::int[]) WITH ORDINALITY AS w(k, s, n, ord)
        ),
        upserted AS (
          INSERT INTO "RateLimitHit" ("key", "windowStart", "count")
          SELECT k, s, n FROM input
          ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitHit"."count" + EXCLUDED."count"
          RETURNING "key", "windowStart", "count"
        )
        SELECT array_agg(u."count" ORDER BY i.ord) AS counts
        FROM input i JOIN upserted u ON u."key" = i.k AND u."windowStart" = i.s`;
      // The count after the batch; hand it out from the first caller's value upwards.
      const next = new Map<string, number>();
      list.forEach((h, i) => next.set(counterId(h), (row?.counts?.[i] ?? h.n) - h.n + 1));
      return calls.map((call) =>
        call.counters.map((c) => {
          const id = counterId(c);
          const count = next.get(id) ?? 1;
          next.set(id, count + 1);
          return count;
        }),
      );
    },
  }),
);

/**
 * Counts one hit against fixed windows (e.g. per minute and per hour) shared by every
 * web instance. The upsert is atomic, so concurrent hits can never both see the last
 * free slot. A window with max 0 is off.
 */
export async function consumeRateLimit(options: {
  prisma: Db;
  key: string;
  windows: RateLimitWindow[];
  now?: Date;
}): Promise<RateLimitResult> {
  const windows = options.windows.filter((w) => w.max > 0);
  if (windows.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  const now = (options.now ?? new Date()).getTime();
  const counters = windowCounters(options.key, windows, now);
  const cutoff = now - Math.max(...windows.map((w) => w.seconds)) * 1000;
  const counts = await upsertCounters(options.prisma)({ counters, cutoff });

  let retryAfterMs = 0;
  windows.forEach((w, i) => {
    if (counts[i]! > w.max) retryAfterMs = Math.max(retryAfterMs, counters[i]!.start + w.seconds * 1000 - now);
  });
  return { allowed: retryAfterMs === 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
}
