import autocannon from "autocannon";
import { WEB_NODE_FLAGS } from "../scripts/stack/node-flags.ts";
import { freePort } from "../lib/embedded/free-port.ts";
import { spawnNode, waitForOutput, type BenchSettings } from "./common.ts";
import type { BenchStack } from "./stack.ts";

// Part 1: POST /api/orders at full speed from 50 connections, every request with its own
// idempotency key; then the same load against the bare baseline server. The worker is
// not running in either run, so both measure the order path alone on the same machine.

type ApiRun = { ordersPerSecond: number; requests: number; ok: number; non2xx: number; errors: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; seconds: number };
export type OrderApiResult = { connections: number; rounds: number; app: ApiRun; baseline: ApiRun; ratio: number };

let sequence = 0;
// Every request is a different customer's phone (its own device id), as in a busy
// shop: all of them share one address here, and a single client's rate-limit counter
// would make the whole load queue on one row.
const orderBody = (tag: string) =>
  JSON.stringify({
    idempotencyKey: `bench-${tag}-${process.pid}-${Date.now().toString(36)}-${(sequence++).toString(36)}`,
    customerName: `Bench ${sequence}`,
    deviceId: `bench-device-${process.pid}-${sequence.toString(36).padStart(8, "0")}`,
    items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] }],
  });

async function cannon(url: string, tag: string, seconds: number, connections: number): Promise<ApiRun> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: orderBody(tag) }),
      },
    ],
  });
  const ok = result["2xx"];
  return {
    ordersPerSecond: ok / result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    seconds: result.duration,
  };
}

/**
 * Several rounds of the same length, in one round the app then the baseline: on a
 * shared machine the speed of both drifts over a minute, and alternating keeps that
 * drift out of the ratio. Throughput is over all rounds; p50 is the mean of the rounds'
 * and p90/p99/max the worst round's.
 */
function combine(runs: ApiRun[]): ApiRun {
  const sum = (f: (r: ApiRun) => number) => runs.reduce((n, r) => n + f(r), 0);
  const worst = (f: (r: ApiRun) => number) => Math.max(...runs.map(f));
  return {
    ordersPerSecond: sum((r) => r.ok) / sum((r) => r.seconds),
    requests: sum((r) => r.requests),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    p50Ms: sum((r) => r.p50Ms) / runs.length,
    p90Ms: worst((r) => r.p90Ms),
    p99Ms: worst((r) => r.p99Ms),
    maxMs: worst((r) => r.maxMs),
    seconds: sum((r) => r.seconds),
  };
}

export async function benchOrderApi(stack: BenchStack, settings: BenchSettings, log: (line: string) => void): Promise<OrderApiResult> {
  const { apiSeconds: seconds, apiRounds: rounds, connections } = settings;
  const port = await freePort();
  const proc = spawnNode("baseline", [...WEB_NODE_FLAGS, "--import", "tsx", "bench/baseline-server.ts"], { ...process.env, ...stack.env, BASELINE_PORT: String(port) });
  try {
    await waitForOutput(proc, "BASELINE_READY");
    const targets = { app: `${stack.webUrl}/api/orders`, baseline: `http://127.0.0.1:${port}/` };
    // A short warm-up so the first compile of the route and the pools are not measured.
    for (const [name, url] of Object.entries(targets)) await cannon(url, `warm-${name}`, Math.min(3, seconds), 10);
    const runs: Record<keyof typeof targets, ApiRun[]> = { app: [], baseline: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const name of ["app", "baseline"] as const) {
        await stack.reset();
        log(`order API: ${name}, round ${round} of ${rounds}, ${connections} connections, ${seconds} s`);
        runs[name].push(await cannon(targets[name], `${name}${round}`, seconds, connections));
      }
    }
    await stack.reset();
    const app = combine(runs.app);
    const baseline = combine(runs.baseline);
    return { connections, rounds, app, baseline, ratio: app.ordersPerSecond / baseline.ordersPerSecond };
  } finally {
    await proc.stop();
  }
}
