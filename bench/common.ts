import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Shared by the benchmark parts: settings from the environment, percentiles, and child
// processes (web, workers, baselines) that are always stopped by their pid.

export const root = path.resolve(import.meta.dirname, "..");

const num = (name: string, fallback: number, env: Record<string, string | undefined>) => {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} must be a positive number`);
  return value;
};

export const benchSettings = (env: Record<string, string | undefined> = process.env) => ({
  /** Order API: seconds per autocannon run (app and baseline each). */
  apiSeconds: num("BENCH_SECONDS", 20, env),
  apiRounds: num("BENCH_API_ROUNDS", 2, env),
  connections: num("BENCH_CONNECTIONS", 50, env),
  /** Pipeline: offered orders per second and for how long. */
  pipelineRate: num("BENCH_PIPELINE_RATE", 20, env),
  pipelineSeconds: num("BENCH_PIPELINE_SECONDS", 30, env),
  /** Drain: orders preloaded into the queue per run. */
  drainOrders: num("BENCH_DRAIN_ORDERS", 5000, env),
  /** Fan-out: customer status streams per run (a comma list runs each count), offered orders/s and for how long. */
  fanoutStreams: (env.BENCH_FANOUT_STREAMS?.trim() || "2000").split(",").map((n) => num("BENCH_FANOUT_STREAMS", 0, { BENCH_FANOUT_STREAMS: n })),
  fanoutRate: num("BENCH_FANOUT_RATE", 20, env),
  fanoutSeconds: num("BENCH_FANOUT_SECONDS", 30, env),
  logLevel: env.BENCH_LOG_LEVEL?.trim() || "warn",
});
/** The full-length run that `npm run bench` does with no BENCH_* variables. */
export const defaultSettings = () => benchSettings({});
export type BenchSettings = ReturnType<typeof benchSettings>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export type Percentiles = { count: number; p50: number; p95: number; p99: number; max: number };
export function summarise(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

/** The environment without NODE_ENV (Next sets it itself and warns about other values). */
export function envWithoutNodeEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NODE_ENV;
  return env;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Proc = { name: string; child: ChildProcess; output: () => string; exited: Promise<number | null>; stop: () => Promise<void> };

/** A node child (`node --import tsx <entry>` or any node script) in its own process group; `ipc` adds a message channel. */
export function spawnNode(name: string, args: string[], env: Record<string, string | undefined>, options: { ipc?: boolean } = {}): Proc {
  const stdio = options.ipc ? (["ignore", "pipe", "pipe", "ipc"] as const) : (["ignore", "pipe", "pipe"] as const);
  const child = spawn(process.execPath, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: [...stdio], detached: true });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, output: () => output, exited, stop };
}

/** Polls url until it answers 2xx; fails early if the process exits. */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited before ${url} answered:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not up yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s:\n${proc.output()}`);
}

export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** Waits until the process has printed text (or fails when it exits first). */
export async function waitForOutput(proc: Proc, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} did not print ${text}:\n${proc.output()}`);
    await sleep(50);
  }
}
