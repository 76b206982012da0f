import { summarise, type BenchSettings, type Percentiles } from "./common.ts";
import { offerAtRate, postOrder, startBaristaLoop, waitUntilFinished } from "./load.ts";
import type { BenchStack } from "./stack.ts";

// Part 2: a steady offered load through the whole pipeline with the web app and one
// worker running. Orders go in through POST /api/orders (with phone and email, so both
// notification channels run); a "barista" loop presses Start and Ready through the same
// lib functions the kitchen display uses as soon as a ticket shows up as QUEUED.
// Latencies come from the timestamps the app itself writes to Postgres.

export type PipelineResult = {
  offeredPerSecond: number;
  seconds: number;
  placed: number;
  apiLatencyMs: Percentiles;
  placedToQueuedMs: Percentiles;
  readyToSentMs: Percentiles;
  /** Where ready → sent goes. */
  breakdownMs: { readyRequestedToReady: Percentiles; readyToNotificationClaimed: Percentiles; claimedToSentSms: Percentiles; claimedToSentEmail: Percentiles };
  unfinished: number;
};

const ms = (rows: { ms: number | string | null }[]) => rows.map((r) => Number(r.ms)).filter((n) => Number.isFinite(n));

export async function benchPipeline(stack: BenchStack, settings: BenchSettings, log: (line: string) => void): Promise<PipelineResult> {
  const { prisma, transport } = stack;
  const rate = settings.pipelineRate;
  const seconds = settings.pipelineSeconds;
  const total = Math.round(rate * seconds);
  log(`pipeline: ${rate} orders/s for ${seconds} s (${total} orders), web + 1 worker`);

  // Warm the web app up (first requests load the route and open pools), then start the
  // worker on an empty database and queue.
  for (let i = 0; i < 20; i++) await postOrder(stack.webUrl, `warm-${i}`, i);
  await stack.reset();
  await stack.startWorkers(1);

  const apiLatencies: number[] = [];
  let failures = 0;
  const barista = startBaristaLoop(prisma, transport);

  // Offers `count` orders at the rate and waits until every order in the database is
  // READY with both notifications sent.
  const offer = async (count: number, tag: string, latencies: number[]) => {
    await offerAtRate(count, rate, async (i) => {
      const t0 = performance.now();
      if (!(await postOrder(stack.webUrl, tag, i)).ok) failures++;
      latencies.push(performance.now() - t0);
    });
    await waitUntilFinished(prisma, new Date(0));
  };

  // Steady state is what is measured: a warm-up through the whole pipeline first (the
  // worker's JIT, its database and SMTP pools), then its orders are deleted.
  await offer(Math.min(100, Math.ceil(total / 6)), "pipeline-warm", []);
  await prisma.$executeRaw`DELETE FROM "Order"`;
  await offer(total, "pipeline", apiLatencies);
  await barista.finish();
  failures += barista.failures;
  await stack.stopWorkers();

  const placedToQueued = await prisma.$queryRaw<{ ms: number }[]>`
    SELECT EXTRACT(EPOCH FROM ("queuedAt" - "createdAt")) * 1000 AS ms FROM "Order" WHERE "queuedAt" IS NOT NULL`;
  const readyToSent = await prisma.$queryRaw<{ ms: number }[]>`
    SELECT EXTRACT(EPOCH FROM (max(n."sentAt") - o."readyRequestedAt")) * 1000 AS ms
    FROM "Order" o JOIN "Notification" n ON n."orderId" = o.id
    WHERE n.status = 'SENT' GROUP BY o.id, o."readyRequestedAt" HAVING count(*) = 2`;
  const requestedToReady = await prisma.$queryRaw<{ ms: number }[]>`
    SELECT EXTRACT(EPOCH FROM ("readyAt" - "readyRequestedAt")) * 1000 AS ms FROM "Order" WHERE "readyAt" IS NOT NULL`;
  const readyToClaimed = await prisma.$queryRaw<{ ms: number }[]>`
    SELECT EXTRACT(EPOCH FROM (min(n."claimedAt") - o."readyAt")) * 1000 AS ms
    FROM "Order" o JOIN "Notification" n ON n."orderId" = o.id WHERE n."claimedAt" IS NOT NULL GROUP BY o.id, o."readyAt"`;
  const claimedToSent = await prisma.$queryRaw<{ ms: number; channel: string }[]>`
    SELECT EXTRACT(EPOCH FROM ("sentAt" - "claimedAt")) * 1000 AS ms, channel::text AS channel
    FROM "Notification" WHERE "sentAt" IS NOT NULL AND "claimedAt" IS NOT NULL`;
  const finished = ms(readyToSent).length;
  if (failures > 0) log(`pipeline: ${failures} requests or bumps failed`);

  return {
    offeredPerSecond: rate,
    seconds,
    placed: total,
    apiLatencyMs: summarise(apiLatencies),
    placedToQueuedMs: summarise(ms(placedToQueued)),
    readyToSentMs: summarise(ms(readyToSent)),
    breakdownMs: {
      readyRequestedToReady: summarise(ms(requestedToReady)),
      readyToNotificationClaimed: summarise(ms(readyToClaimed)),
      claimedToSentSms: summarise(ms(claimedToSent.filter((r) => r.channel === "SMS"))),
      claimedToSentEmail: summarise(ms(claimedToSent.filter((r) => r.channel === "EMAIL"))),
    },
    unfinished: total - finished,
  };
}
