import { sleep, summarise, type BenchSettings, type Percentiles } from "./common.ts";
import type { ClientReport, OpenedReply } from "./fanout-client.ts";
import { committedTransactions, cpuSeconds, listenerWakeups, rssMiB, sampleRss } from "./fanout-probe.ts";
import { BOARD_STREAMS, KDS_STREAMS, placeWaitingOrders, signInBarista, startClient, streamSpecs, type FanoutClient } from "./fanout-streams.ts";
import { offerAtRate, postOrder, startBaristaLoop, waitUntilFinished, type BaristaLoop } from "./load.ts";
import type { BenchStack } from "./stack.ts";

// Part 4: live-update fan-out. Two web processes and one worker take the pipeline's
// offered load (orders through the API, the barista loop starting and bumping them)
// first with no streams open, then with N customer status streams (on orders that
// wait all run), KDS_STREAMS kitchen screens and BOARD_STREAMS order boards spread over
// both web processes. Each run is compared with the no-stream one: what one order
// costs Postgres in transactions, what the web processes spend in CPU and memory, and
// (with streams) how long a committed change takes to reach the clients.

const WEB_PROCESSES = 2;
/**
 * The barista starts a ticket this long after it was queued and bumps it this long after
 * starting: the customer's page (opened right after ordering) is then up before its order
 * moves on, so its status changes can be timed, and the kitchen holds a realistic few
 * dozen open tickets.
 */
const BARISTA_HOLD_MS = 1000;
/** How long all of a run's streams get to deliver their first event. */
const OPEN_TIMEOUT_MS = 120_000;

export type FanoutRun = {
  /** Customer status streams held through the run (0 = the no-stream reference). */
  streams: number;
  opened: OpenedReply | null;
  placed: number;
  failedRequests: number;
  /** POST /api/orders of the measured load: latency, and the failures by HTTP status ("timeout" after 30 s). */
  orderApi: { latencyMs: Percentiles; failures: Record<string, number> };
  unfinished: number;
  /** Waiting orders no longer PLACED at the end (should be 0: they must not be queued). */
  waitingMoved: number;
  /** pg_stat_database.xact_commit over the window (see fanout-probe.ts), less the bench's own polls. */
  transactions: number;
  benchPolls: number;
  transactionsPerOrder: number;
  /** Of those, what the LISTEN sessions commit reading notifications (see listenerWakeups): fixed per web process, not per stream. */
  listenerTransactionsPerOrder: number;
  /** User + system CPU of both web processes: while the load ran (and drained), and until the final reading. */
  webCpu: { loadSeconds: number; loadWallSeconds: number; cores: number; totalSeconds: number; msPerOrder: number };
  /** Both web processes' RSS, sampled each second over the load; with streams also just before and after they opened. */
  webRssMiB: { mean: number; max: number; beforeOpen?: number; afterOpen?: number; streams?: number };
  client: ClientReport | null;
};

/**
 * A streams run against the no-stream run. mibPer1000Streams: mean web RSS over the load,
 * with minus without, per 1,000 open streams (it includes the heap the streams' per-change
 * work grows); mibPer1000AtOpen: the same run's RSS 2 s after its status streams opened
 * minus just before (every route already loaded, nothing happening): what holding a
 * stream costs.
 */
type FanoutComparison = {
  streams: number;
  transactionsRatio: number;
  /** The same ratio without the LISTEN sessions' transactions: what the live views' queries add. */
  queryTransactionsRatio: number; mibPer1000Streams: number; mibPer1000AtOpen: number; p99Ms: number; cpuRatio: number };
export type FanoutResult = {
  offeredPerSecond: number;
  seconds: number;
  webProcesses: number;
  kdsStreams: number;
  boardStreams: number;
  noStreams: FanoutRun;
  withStreams: FanoutRun[];
  comparisons: FanoutComparison[];
};

async function runOnce(stack: BenchStack, settings: BenchSettings, streams: number, log: (line: string) => void): Promise<FanoutRun> {
  const { prisma, transport } = stack;
  const { fanoutRate: rate, fanoutSeconds: seconds } = settings;
  const total = Math.round(rate * seconds);
  await stack.reset();
  await stack.startWeb(WEB_PROCESSES);
  let client: FanoutClient | undefined;
  let barista: BaristaLoop | undefined;
  try {
    const webs = stack.webUrls();
    const pids = stack.webPids();
    // First requests load the order route and open pools in each web process.
    for (const [w, url] of webs.entries()) for (let i = 0; i < 10; i++) await postOrder(url, `fanout-warm-${streams}-${w}`, i);
    await stack.reset();

    let opened: OpenedReply | null = null;
    let tokens: string[] = [];
    let rssOpen: { beforeOpen: number; afterOpen: number; streams: number } | undefined;
    if (streams > 0) {
      const cookie = await signInBarista(stack);
      tokens = await placeWaitingOrders(stack, streams);
      client = startClient();
      // The kitchen and board streams and one status stream per web process open first:
      // the first request of each route loads its code, which is not a per-stream cost.
      const specs = await streamSpecs(stack, tokens, cookie);
      const warm = Math.min(WEB_PROCESSES, streams);
      const first = await client.open([...specs.slice(0, warm), ...specs.slice(streams)], OPEN_TIMEOUT_MS);
      await sleep(2000);
      const beforeOpen = rssMiB(pids);
      const rest = await client.open(specs.slice(warm, streams), OPEN_TIMEOUT_MS);
      opened = { ...rest, ok: first.ok + rest.ok, failed: first.failed + rest.failed, errors: [...first.errors, ...rest.errors].slice(0, 5) };
      log(`fan-out: ${opened.ok} of ${opened.ok + opened.failed} streams open (the last ${streams - warm} in ${rest.seconds.toFixed(1)} s)${opened.failed ? `; first errors: ${opened.errors.join(" | ")}` : ""}`);
      await sleep(2000);
      rssOpen = { beforeOpen, afterOpen: rssMiB(pids), streams: streams - warm };
    }

    await stack.startWorkers(1);
    barista = startBaristaLoop(prisma, transport, { holdMs: BARISTA_HOLD_MS });
    const offer = async (count: number, tag: string, onPlaced: (web: string, statusUrl: string) => void) => {
      let failed = 0;
      const failures: Record<string, number> = {};
      const latencies: number[] = [];
      const since = new Date();
      await offerAtRate(count, rate, async (i) => {
        const web = webs[i % webs.length]!;
        const t0 = performance.now();
        const placed = await postOrder(web, tag, i);
        latencies.push(performance.now() - t0);
        if (placed.ok && placed.statusUrl) onPlaced(web, placed.statusUrl);
        else {
          failed++;
          failures[placed.status] = (failures[placed.status] ?? 0) + 1;
        }
      });
      const done = await waitUntilFinished(prisma, since);
      return { failed, orderApi: { latencyMs: summarise(latencies), failures }, ...done };
    };
    // Warm-up through the whole pipeline (the worker's JIT and pools, each web's streams'
    // change path); its orders stay, READY, as a day's earlier orders would.
    await offer(Math.min(100, Math.ceil(total / 6)), `fanout-warm-${streams}`, () => undefined);

    const startTx = await committedTransactions(prisma);
    const startWakeups = await listenerWakeups(prisma);
    const startCpu = cpuSeconds(pids);
    const startPolls = barista.polls;
    const started = performance.now();
    client?.mark();
    const rss = sampleRss(pids);
    const follow = client ? (web: string, statusUrl: string) => client!.follow(`${web}/api/orders/${statusUrl.split("/").pop()}/events`) : () => undefined;
    log(`fan-out: ${streams} status streams, ${rate} orders/s for ${seconds} s over ${WEB_PROCESSES} web processes`);
    const windowStart = new Date();
    const load = await offer(total, `fanout-${streams}`, follow);
    await barista.finish();
    const loadCpu = cpuSeconds(pids) - startCpu;
    const loadWall = (performance.now() - started) / 1000;
    const rssLoad = rss.stop();
    const endTx = await committedTransactions(prisma);
    const endWakeups = await listenerWakeups(prisma);
    const totalCpu = cpuSeconds(pids) - startCpu;
    const report = client ? await client.report() : null;
    // Placed = in the database: a request that timed out at the client may still have placed its order.
    const [{ moved, placed }] = await prisma.$queryRaw<[{ moved: number; placed: number }]>`
      SELECT (SELECT count(*)::int FROM "Order" WHERE "publicToken" = ANY(${tokens}) AND status <> 'PLACED') AS moved,
             (SELECT count(*)::int FROM "Order" WHERE "createdAt" >= ${windowStart}) AS placed`;

    const benchPolls = barista.polls - startPolls + load.polls;
    const transactions = endTx - startTx - benchPolls;
    if (load.failed + barista.failures > 0) log(`fan-out: ${load.failed} order requests and ${barista.failures} bumps failed`);
    if (load.open > 0) log(`fan-out: ${load.open} orders or notifications unfinished after the drain deadline`);
    return {
      streams,
      opened,
      placed,
      failedRequests: load.failed,
      orderApi: load.orderApi,
      unfinished: load.open,
      waitingMoved: moved,
      transactions,
      benchPolls,
      transactionsPerOrder: transactions / Math.max(1, placed),
      listenerTransactionsPerOrder: ((endWakeups.orderWrites - startWakeups.orderWrites) * endWakeups.listeners) / Math.max(1, placed),
      webCpu: { loadSeconds: loadCpu, loadWallSeconds: loadWall, cores: loadCpu / loadWall, totalSeconds: totalCpu, msPerOrder: (totalCpu * 1000) / Math.max(1, placed) },
      webRssMiB: { mean: rssLoad.meanMiB, max: rssLoad.maxMiB, ...rssOpen },
      client: report,
    };
  } finally {
    await barista?.finish(0);
    await client?.stop();
    await stack.stopWorkers();
    await stack.stopWeb();
  }
}

export async function benchFanout(stack: BenchStack, settings: BenchSettings, log: (line: string) => void): Promise<FanoutResult> {
  log(`fan-out: reference run with no streams`);
  const noStreams = await runOnce(stack, settings, 0, log);
  const withStreams: FanoutRun[] = [];
  const comparisons: FanoutComparison[] = [];
  for (const streams of settings.fanoutStreams) {
    const run = await runOnce(stack, settings, streams, log);
    withStreams.push(run);
    const open = streams + KDS_STREAMS + BOARD_STREAMS;
    comparisons.push({
      streams,
      transactionsRatio: run.transactionsPerOrder / noStreams.transactionsPerOrder,
      queryTransactionsRatio:
        (run.transactionsPerOrder - run.listenerTransactionsPerOrder) / (noStreams.transactionsPerOrder - noStreams.listenerTransactionsPerOrder),
      mibPer1000Streams: ((run.webRssMiB.mean - noStreams.webRssMiB.mean) / open) * 1000,
      mibPer1000AtOpen: (((run.webRssMiB.afterOpen ?? NaN) - (run.webRssMiB.beforeOpen ?? NaN)) / (run.webRssMiB.streams ?? NaN)) * 1000,
      p99Ms: run.client?.allMs.p99 ?? NaN,
      cpuRatio: run.webCpu.totalSeconds / noStreams.webCpu.totalSeconds,
    });
  }
  return {
    offeredPerSecond: settings.fanoutRate,
    seconds: settings.fanoutSeconds,
    webProcesses: WEB_PROCESSES,
    kdsStreams: KDS_STREAMS,
    boardStreams: BOARD_STREAMS,
    noStreams,
    withStreams,
    comparisons,
  };
}
