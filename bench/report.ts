import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, root, type BenchSettings, type Percentiles } from "./common.ts";
import type { DrainResult } from "./drain.ts";
import type { FanoutResult, FanoutRun } from "./fanout.ts";
import type { OrderApiResult } from "./order-api.ts";
import type { PipelineResult } from "./pipeline.ts";

// The table printed at the end of `npm run bench`, the target checks, and the results file.

export type BenchResults = { orderApi?: OrderApiResult; pipeline?: PipelineResult; drain?: DrainResult; fanout?: FanoutResult };

export const machine = () => ({
  nproc: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
});

type Target = { name: string; value: number; target: string; met: boolean };

function targets(r: BenchResults): Target[] {
  const list: Target[] = [];
  const add = (name: string, value: number | undefined, target: string, met: (v: number) => boolean) => {
    if (value !== undefined) list.push({ name, value, target, met: Number.isFinite(value) && met(value) });
  };
  add("order API app/baseline", r.orderApi?.ratio, "≥ 0.65", (v) => v >= 0.65);
  add("order API p99 at 50 conns (ms)", r.orderApi?.app.p99Ms, "< 100", (v) => v < 100);
  add("placed → KDS p99 (ms)", r.pipeline?.placedToQueuedMs.p99, "< 300", (v) => v < 300);
  add("ready → sent p99 (ms)", r.pipeline?.readyToSentMs.p99, "< 500", (v) => v < 500);
  add("1 worker / bare loop", r.drain?.workerVsBaseline, "≥ 0.85", (v) => v >= 0.85);
  // What a second worker adds, against what a second bare loop can add on this machine at all.
  add("2 workers / 1 worker ÷ ceiling", r.drain ? r.drain.twoVsOne / r.drain.baselineTwoVsOne : undefined, "≥ 0.9", (v) => v >= 0.9);
  for (const c of r.fanout?.comparisons ?? []) {
    add(`fan-out ${c.streams}: tx/order vs no streams`, c.transactionsRatio, "≤ 1.5", (v) => v <= 1.5);
    add(`fan-out ${c.streams}: same, less LISTEN wakeups`, c.queryTransactionsRatio, "≤ 1.5", (v) => v <= 1.5);
    add(`fan-out ${c.streams}: commit → client p99 (ms)`, c.p99Ms, "< 250", (v) => v < 250);
    // Holding the streams (RSS as they open, nothing else happening); the mean over the
    // load beside it is mostly V8's young generation growing with the allocation rate.
    add(`fan-out ${c.streams}: MiB per 1,000 streams held`, c.mibPer1000AtOpen, "< 50", (v) => v < 50);
  }
  return list;
}

const pct = (p: Percentiles) => `p50 ${fmt(p.p50)}  p95 ${fmt(p.p95)}  p99 ${fmt(p.p99)}  max ${fmt(p.max)} ms (n=${p.count})`;

export function renderTable(r: BenchResults): string {
  const rows: [string, string][] = [];
  if (r.orderApi) {
    const { app, baseline, connections, rounds } = r.orderApi;
    const line = (x: typeof app) =>
      `${fmt(x.ordersPerSecond, 1)} orders/s  p50 ${fmt(x.p50Ms)}  p90 ${fmt(x.p90Ms)}  p99 ${fmt(x.p99Ms)}  max ${fmt(x.maxMs)} ms  (${x.ok} ok, ${x.non2xx} non-2xx, ${x.errors} errors, ${x.seconds} s)`;
    rows.push([`order API, app (${connections} conns, ${rounds} rounds)`, line(app)]);
    rows.push([`order API, baseline (${connections} conns, ${rounds} rounds)`, line(baseline)]);
    rows.push(["order API app/baseline", fmt(r.orderApi.ratio, 2)]);
  }
  if (r.pipeline) {
    const p = r.pipeline;
    rows.push([`pipeline load`, `${p.offeredPerSecond} orders/s for ${p.seconds} s, ${p.placed} orders, ${p.unfinished} unfinished`]);
    rows.push(["pipeline POST /api/orders", pct(p.apiLatencyMs)]);
    rows.push(["placed → QUEUED (KDS)", pct(p.placedToQueuedMs)]);
    rows.push(["ready → notifications sent", pct(p.readyToSentMs)]);
    rows.push(["  readyRequested → READY", pct(p.breakdownMs.readyRequestedToReady)]);
    rows.push(["  READY → notifier claims", pct(p.breakdownMs.readyToNotificationClaimed)]);
    rows.push(["  claimed → sent, SMS (dev inbox)", pct(p.breakdownMs.claimedToSentSms)]);
    rows.push(["  claimed → sent, email (SMTP)", pct(p.breakdownMs.claimedToSentEmail)]);
  }
  if (r.drain) {
    const d = r.drain;
    const line = (x: typeof d.oneWorker) => `${fmt(x.ordersPerSecond, 1)} orders/s  (${x.measured} of ${x.orders} after start-up in ${fmt(x.seconds, 2)} s; wall ${fmt(x.wallSeconds, 1)} s)`;
    rows.push(["drain, 1 worker", line(d.oneWorker)]);
    rows.push(["drain, 2 workers", line(d.twoWorkers)]);
    rows.push(["drain, bare loop", line(d.baseline)]);
    rows.push(["drain, two bare loops", line(d.baselineTwo)]);
    rows.push(["drain 1 worker/bare loop", fmt(d.workerVsBaseline, 2)]);
    rows.push(["drain 2 workers/1 worker", fmt(d.twoVsOne, 2)]);
    rows.push(["drain 2 bare loops/1 (machine ceiling)", fmt(d.baselineTwoVsOne, 2)]);
  }
  if (r.fanout) rows.push(...fanoutRows(r.fanout));
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  lines.push("", "targets:");
  for (const t of targets(r)) lines.push(`  ${t.met ? "MET    " : "NOT MET"}  ${t.name.padEnd(40)} ${fmt(t.value, t.value < 10 ? 2 : 0).padStart(8)}  (target ${t.target})`);
  return lines.join("\n");
}

function fanoutRows(f: FanoutResult): [string, string][] {
  const rows: [string, string][] = [[`fan-out load`, `${f.offeredPerSecond} orders/s for ${f.seconds} s, ${f.webProcesses} web processes, + ${f.kdsStreams} KDS and ${f.boardStreams} board streams`]];
  const run = (name: string, x: FanoutRun) => {
    rows.push([name, `${x.placed} orders (${x.failedRequests} failed, ${x.unfinished} unfinished); ${fmt(x.transactionsPerOrder, 1)} tx/order (${x.transactions} tx, ${x.benchPolls} bench polls left out; ${fmt(x.listenerTransactionsPerOrder, 1)}/order are LISTEN sessions reading notifications)`]);
    const failures = Object.entries(x.orderApi.failures).map(([status, n]) => `${n} × ${status}`).join(", ");
    rows.push([`  POST /api/orders`, `${pct(x.orderApi.latencyMs)}${failures ? `; failed: ${failures}` : ""}`]);
    rows.push([`  web CPU, RSS`, `${fmt(x.webCpu.cores, 2)} cores over ${fmt(x.webCpu.loadWallSeconds, 1)} s, ${fmt(x.webCpu.msPerOrder, 1)} ms/order; RSS mean ${fmt(x.webRssMiB.mean)} MiB, max ${fmt(x.webRssMiB.max)} MiB`]);
    if (x.opened) rows.push([`  streams`, `${x.opened.ok} open (${x.opened.failed} failed) in ${fmt(x.opened.seconds, 1)} s; RSS ${fmt(x.webRssMiB.beforeOpen ?? NaN)} → ${fmt(x.webRssMiB.afterOpen ?? NaN)} MiB as ${x.webRssMiB.streams} opened; ${x.waitingMoved} waiting orders moved`]);
    if (!x.client) return;
    const c = x.client;
    rows.push([`  commit → client, all`, pct(c.allMs)]);
    for (const [what, p] of Object.entries(c.latencyMs)) rows.push([`    ${what}`, pct(p)]);
    rows.push([`  events received`, `${c.events.status} on waiting orders' streams (${fmt(c.events.status / x.streams, 1)} each), ${c.events.follow} on followed orders', ${c.events.kds} KDS, ${c.events.board} board (${fmt(c.megabytes, 1)} MiB)`]);
    rows.push([`  followed orders`, `${c.followed} streams opened after ordering, ${c.followedUnfinished} never saw READY (${c.followTimedOut} no first event in 30 s); order → first event ${pct(c.followFirstEventMs)}`]);
    rows.push([`  client`, `${c.dropped} streams dropped; event-loop delay p99 ${fmt(c.loopDelayMs.p99)} ms, max ${fmt(c.loopDelayMs.max)} ms${c.errors.length ? `; first errors: ${c.errors.slice(0, 3).join(" | ")}` : ""}`]);
  };
  run("fan-out, no streams", f.noStreams);
  for (const x of f.withStreams) run(`fan-out, ${x.streams} status streams`, x);
  for (const c of f.comparisons) {
    rows.push([
      `fan-out ${c.streams} vs no streams`,
      `tx/order × ${fmt(c.transactionsRatio, 2)}; web CPU × ${fmt(c.cpuRatio, 2)}; ${fmt(c.mibPer1000Streams)} MiB per 1,000 streams over the load (${fmt(c.mibPer1000AtOpen)} at open, idle)`,
    ]);
  }
  return rows;
}

export function writeResults(r: BenchResults, settings: BenchSettings, defaults: BenchSettings, command: string): string {
  const now = new Date();
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  // Only a run at the full default settings is a result; a shortened smoke run goes to a
  // git-ignored .tmp file so it never replaces the day's numbers.
  const full = JSON.stringify(settings) === JSON.stringify(defaults) && !!(r.orderApi && r.pipeline && r.drain && r.fanout);
  const file = path.join(dir, `${now.toISOString().slice(0, 10)}${full ? ".json" : ".short.tmp"}`);
  const body = { date: now.toISOString(), command, settings, machine: machine(), results: r, targets: targets(r) };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return path.relative(root, file);
}
