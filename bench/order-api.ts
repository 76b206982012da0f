import autocannon from "autocannon";
import { freePort } from "../lib/embedded/free-port.ts";
import { spawnNode, waitForOutput, type BenchSettings } from "./common.ts";
import type { BenchStack } from "./stack.ts";

// Part 1: POST /api/orders at full speed from 50 connections, every request with its own
// idempotency key; then the same load against the bare baseline server. The worker is
// not running in either run, so both measure the order path alone on the same machine.

export type ApiRun = { ordersPerSecond: number; requests: number; ok: number; non2xx: number; errors: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; seconds: number };
export type OrderApiResult = { connections: number; app: ApiRun; baseline: ApiRun; ratio: number };

let sequence = 0;
const orderBody = (tag: string) =>
  JSON.stringify({
    idempotencyKey: `bench-${tag}-${process.pid}-${Date.now().toString(36)}-${(sequence++).toString(36)}`,
    customerName: `Bench ${sequence}`,
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

export async function benchOrderApi(stack: BenchStack, settings: BenchSettings, log: (line: string) => void): Promise<OrderApiResult> {
  const seconds = settings.apiSeconds;
  const connections = settings.connections;
  // A short warm-up so the first compile of the route and the pools are not measured.
  await cannon(`${stack.webUrl}/api/orders`, "warm", Math.min(3, seconds), 10);
  await stack.reset();
  log(`order API: app, ${connections} connections, ${seconds} s`);
  const app = await cannon(`${stack.webUrl}/api/orders`, "app", seconds, connections);
  await stack.reset();

  const port = await freePort();
  const proc = spawnNode("baseline", ["--import", "tsx", "bench/baseline-server.ts"], { ...process.env, ...stack.env, BASELINE_PORT: String(port) });
  try {
    await waitForOutput(proc, "BASELINE_READY");
    await cannon(`http://127.0.0.1:${port}/`, "warmb", Math.min(3, seconds), 10);
    await stack.reset();
    log(`order API: baseline, ${connections} connections, ${seconds} s`);
    const baseline = await cannon(`http://127.0.0.1:${port}/`, "base", seconds, connections);
    await stack.reset();
    return { connections, app, baseline, ratio: app.ordersPerSecond / baseline.ordersPerSecond };
  } finally {
    await proc.stop();
  }
}
