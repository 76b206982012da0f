import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, root, type BenchSettings, type Percentiles } from "./common.ts";
import type { DrainResult } from "./drain.ts";
import type { OrderApiResult } from "./order-api.ts";
import type { PipelineResult } from "./pipeline.ts";

// The table printed at the end of `npm run bench`, the target checks, and the results file.

export type BenchResults = { orderApi?: OrderApiResult; pipeline?: PipelineResult; drain?: DrainResult };

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
  add("order API app/baseline", r.orderApi?.ratio, "≥ 0.6", (v) => v >= 0.6);
  add("order API p99 at 50 conns (ms)", r.orderApi?.app.p99Ms, "< 100", (v) => v < 100);
  add("placed → KDS p99 (ms)", r.pipeline?.placedToQueuedMs.p99, "< 300", (v) => v < 300);
  add("ready → sent p99 (ms)", r.pipeline?.readyToSentMs.p99, "< 500", (v) => v < 500);
  add("1 worker / bare loop", r.drain?.workerVsBaseline, "≥ 0.7", (v) => v >= 0.7);
  add("2 workers / 1 worker", r.drain?.twoVsOne, "≥ 1.3", (v) => v >= 1.3);
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
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  lines.push("", "targets:");
  for (const t of targets(r)) lines.push(`  ${t.met ? "MET    " : "NOT MET"}  ${t.name.padEnd(32)} ${fmt(t.value, t.value < 10 ? 2 : 0).padStart(8)}  (target ${t.target})`);
  return lines.join("\n");
}

export function writeResults(r: BenchResults, settings: BenchSettings, defaults: BenchSettings, command: string): string {
  const now = new Date();
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  // Only a run at the full default settings is a result; a shortened smoke run goes to a
  // git-ignored .tmp file so it never replaces the day's numbers.
  const full = JSON.stringify(settings) === JSON.stringify(defaults) && !!(r.orderApi && r.pipeline && r.drain);
  const file = path.join(dir, `${now.toISOString().slice(0, 10)}${full ? ".json" : ".short.tmp"}`);
  const body = { date: now.toISOString(), command, settings, machine: machine(), results: r, targets: targets(r) };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return path.relative(root, file);
}
