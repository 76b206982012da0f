import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { sleep, spawnNode, waitForOutput, type BenchSettings } from "./common.ts";
import type { BenchStack } from "./stack.ts";

// Part 3: preload N placed orders (rows + outbox rows + order.placed messages, inserted
// and sent in bulk with no consumer running), then time how fast the queue is drained:
// one worker process, two worker processes, and the bare receive/UPDATE/delete loop.
// Consumers are started with the orders already waiting; the rate counts only what they
// do once all of them are up (orders with queuedAt after that moment, up to the last
// queuedAt in Postgres), so process start-up is not measured. Wall time is reported too.

type DrainRun = { orders: number; measured: number; seconds: number; ordersPerSecond: number; wallSeconds: number };
export type DrainResult = {
  orders: number;
  oneWorker: DrainRun;
  twoWorkers: DrainRun;
  baseline: DrainRun;
  /** Two bare loops at once: how much a second consumer can add on this machine at all. */
  baselineTwo: DrainRun;
  workerVsBaseline: number;
  twoVsOne: number;
  baselineTwoVsOne: number;
};

/** Inserts N orders and their outbox rows in one statement and sends the messages in batches of 10. */
async function preloadOrders(stack: BenchStack, count: number, tag: string): Promise<void> {
  const rows = await stack.prisma.$queryRawUnsafe<{ id: string; orderId: string; body: string }[]>(
    `WITH o AS (
       INSERT INTO "Order" ("id", "publicToken", "idempotencyKey", "businessDate", "ticketNumber", "customerName", "totalCents")
       SELECT gen_random_uuid(), md5(random()::text || g), 'drain-${tag}-' || g || '-' || md5(random()::text),
              current_date, brewline_next_ticket(current_date), 'Drain ' || g, 450
       FROM generate_series(1, $1::int) g
       RETURNING "id", "ticketNumber", "customerName", "createdAt"),
     x AS (SELECT gen_random_uuid() AS outbox_id, o.* FROM o)
     INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body", "sentAt", "sendCount")
     SELECT outbox_id, x."id", 'ORDERS_QUEUE', 'order.placed',
       jsonb_build_object('type', 'order.placed', 'outboxId', outbox_id, 'orderId', x."id", 'ticketNumber', x."ticketNumber",
         'customerName', x."customerName",
         'items', jsonb_build_array(jsonb_build_object('name', 'Latte', 'quantity', 1, 'options', jsonb_build_array('Oat milk'), 'note', null)),
         'placedAt', to_char(x."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
       now(), 1
     FROM x
     RETURNING "id", "orderId", "body"::text AS "body"`,
    count,
  );
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 10) batches.push(rows.slice(i, i + 10));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const out = await stack.transport.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: stack.config.ORDERS_QUEUE_URL,
            Entries: batch.map((r, i) => ({
              Id: String(i),
              MessageBody: r.body,
              MessageGroupId: r.orderId,
              MessageDeduplicationId: `${r.orderId}:order.placed:${r.id}`,
            })),
          }),
        );
        if (out.Failed?.length) throw new Error(`preload send failed: ${out.Failed[0]?.Message}`);
      }
    }),
  );
}

async function timeDrain(stack: BenchStack, count: number, start: () => Promise<() => Promise<void>>): Promise<DrainRun> {
  const t0 = performance.now();
  const stop = await start();
  const ready = new Date();
  const deadline = Date.now() + 180_000;
  let done = 0;
  try {
    while (done < count && Date.now() < deadline) {
      await sleep(50);
      done = await stack.prisma.order.count({ where: { status: "QUEUED" } });
    }
  } finally {
    await stop();
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const [span] = await stack.prisma.$queryRaw<[{ seconds: number | null; measured: number; n: number }]>`
    SELECT EXTRACT(EPOCH FROM (max("queuedAt") - ${ready}::timestamptz))::float8 AS seconds,
           count(*) FILTER (WHERE "queuedAt" >= ${ready}::timestamptz)::int AS measured,
           count(*)::int AS n
    FROM "Order" WHERE "queuedAt" IS NOT NULL`;
  if (span.n < count) throw new Error(`drain timed out: ${span.n} of ${count} orders queued`);
  if (span.measured < count / 2) throw new Error(`only ${span.measured} of ${count} orders were left once the consumers were up; preload more (BENCH_DRAIN_ORDERS)`);
  const seconds = Number(span.seconds ?? NaN);
  return { orders: span.n, measured: span.measured, seconds, ordersPerSecond: span.measured / seconds, wallSeconds };
}

export async function benchDrain(stack: BenchStack, settings: BenchSettings, log: (line: string) => void): Promise<DrainResult> {
  const count = settings.drainOrders;
  const workers = (n: number) => async () => {
    await stack.startWorkers(n);
    return () => stack.stopWorkers();
  };
  const run = async (name: string, tag: string, start: () => Promise<() => Promise<void>>) => {
    await stack.reset();
    await preloadOrders(stack, count, tag);
    log(`drain: ${count} orders preloaded; ${name}`);
    const result = await timeDrain(stack, count, start);
    log(`drain: ${name}: ${result.ordersPerSecond.toFixed(0)} orders/s`);
    return result;
  };

  const oneWorker = await run("one worker", "w1", workers(1));
  const twoWorkers = await run("two workers", "w2", workers(2));
  const bareLoops = (n: number) => async () => {
    const procs = Array.from({ length: n }, (_, i) =>
      spawnNode(`drain baseline ${i + 1}`, ["--import", "tsx", "bench/drain-baseline.ts"], { ...process.env, ...stack.env }),
    );
    await Promise.all(procs.map((proc) => waitForOutput(proc, "DRAIN_BASELINE_READY")));
    return async () => {
      await Promise.all(procs.map((proc) => proc.stop()));
    };
  };
  const baseline = await run("bare loop", "base", bareLoops(1));
  const baselineTwo = await run("two bare loops", "base2", bareLoops(2));
  await stack.reset();
  return {
    orders: count,
    oneWorker,
    twoWorkers,
    baseline,
    baselineTwo,
    workerVsBaseline: oneWorker.ordersPerSecond / baseline.ordersPerSecond,
    twoVsOne: twoWorkers.ordersPerSecond / oneWorker.ordersPerSecond,
    baselineTwoVsOne: baselineTwo.ordersPerSecond / baseline.ordersPerSecond,
  };
}
