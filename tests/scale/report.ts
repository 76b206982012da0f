import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { summarise } from "../../bench/common.ts";
import { isAccepted, type CustomerOrder } from "./customers.ts";
import type { AccessLogEntry } from "./nginx.ts";

// The numbers the scale test measures, printed and written to tests/scale/results/
// latest.json (not committed; the README quotes a run).

const RESULTS_FILE = path.resolve(import.meta.dirname, "results/latest.json");

/**
 * Order POSTs nginx had passed to each instance and not yet answered at the kill (by
 * request id): started before the process was gone, still open when the signal was sent.
 */
export function inFlightAt(log: AccessLogEntry[], kill: { from: number; to: number }, ports: Record<string, number>) {
  const posts = log.filter((e) => e.method === "POST" && e.uri === "/api/orders" && e.startMs <= kill.to && e.endMs >= kill.from);
  const requestIds = Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [name, posts.filter((e) => e.upstreams[0] === `127.0.0.1:${port}`).map((e) => e.requestId)]),
  );
  return { requestIds, counts: Object.fromEntries(Object.entries(requestIds).map(([name, ids]) => [name, ids.length])) };
}

export function loadSummary(orders: CustomerOrder[], loadMs: number, log: AccessLogEntry[]) {
  const failedRaw = orders.filter((o) => !isAccepted(o.first));
  const accepted = orders.filter((o) => isAccepted(o.first) || isAccepted(o.retry));
  const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
  const latency = summarise(orders.filter((o) => isAccepted(o.first)).map((o) => o.first.endMs - o.first.startMs));
  // The same requests from nginx's side: without the load generator's own delays.
  const atBalancer = summarise(log.filter((e) => e.method === "POST" && e.uri === "/api/orders" && e.status < 300).map((e) => e.endMs - e.startMs));
  return {
    ordersSent: orders.length,
    accepted: accepted.length,
    failedRaw: failedRaw.length,
    failedRawStatuses: count(failedRaw.map((o) => String(o.first.status))),
    // 200 = the killed instance had stored the order before dying; the retry returned it.
    retryStatuses: count(failedRaw.map((o) => String(o.retry?.status))),
    failedAfterRetry: orders.length - accepted.length,
    throughputPerSecond: Number((accepted.length / (loadMs / 1000)).toFixed(1)),
    latencyMs: { p50: latency.p50, p95: latency.p95, p99: latency.p99, max: latency.max },
    nginxLatencyMs: { p50: atBalancer.p50, p95: atBalancer.p95, p99: atBalancer.p99, max: atBalancer.max },
  };
}

/** Each failed first attempt as nginx saw it, in ms from the kill signal. */
export function describeFailures(orders: CustomerOrder[], log: AccessLogEntry[], killAt: number) {
  return orders
    .filter((o) => !isAccepted(o.first))
    .map((o) => {
      const e = log.find((l) => l.requestId === o.first.requestId);
      const nginx = e && { start: Math.round(e.startMs - killAt), end: Math.round(e.endMs - killAt), status: e.status, upstreams: e.upstreams.join(" ") };
      return { status: o.first.status, retry: o.retry?.status, nginx };
    });
}

export function writeResults(results: Record<string, unknown>): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const flat = (prefix: string, value: unknown): [string, string][] =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.entries(value).flatMap(([k, v]) => flat(prefix ? `${prefix}.${k}` : k, v))
      : [[prefix, JSON.stringify(value)]];
  const rows = flat("", results);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nscale test results (${path.relative(process.cwd(), RESULTS_FILE)}):\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`);
}
