import { benchSettings, defaultSettings } from "./common.ts";
import type { BenchResults } from "./report.ts";
import type { BenchStack } from "./stack.ts";

// `npm run bench`: builds the web app into .next-bench, starts the launcher's embedded
// infrastructure on free ports with a throwaway data folder, then runs the four parts
// (order API vs baseline, pipeline latency, worker drain vs baseline, live-update fan-out),
// prints a table and writes bench/results/<date>.json. Shorter runs: BENCH_SECONDS,
// BENCH_API_ROUNDS, BENCH_PIPELINE_SECONDS, BENCH_PIPELINE_RATE, BENCH_DRAIN_ORDERS,
// BENCH_FANOUT_STREAMS/_SECONDS/_RATE; BENCH_PARTS=api,pipeline,drain,fanout picks parts.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const settings = benchSettings();
// The lib code the barista loop calls logs like the app; keep this process's output to the table.
process.env.LOG_LEVEL = settings.logLevel;
const { benchDrain } = await import("./drain.ts");
const { benchFanout } = await import("./fanout.ts");
const { benchOrderApi } = await import("./order-api.ts");
const { benchPipeline } = await import("./pipeline.ts");
const { machine, renderTable, writeResults } = await import("./report.ts");
const { buildWeb, startBenchStack } = await import("./stack.ts");
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const parts = new Set((process.env.BENCH_PARTS ?? "api,pipeline,drain,fanout").split(",").map((p) => p.trim()));
const m = machine();
log(`${m.nproc} CPUs (${m.cpuModel}), Node ${m.node}; settings ${JSON.stringify(settings)}`);

buildWeb(log);
let stack: BenchStack | undefined;
let stopping = false;
const stopAll = async () => {
  if (stopping) return;
  stopping = true;
  await stack?.stop();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stopAll().finally(() => process.exit(130)));
}

const results: BenchResults = {};
let failed = false;
try {
  stack = await startBenchStack(settings, log);
  await stack.reset();
  if (parts.has("api") || parts.has("pipeline")) await stack.startWeb();
  if (parts.has("api")) results.orderApi = await benchOrderApi(stack, settings, log);
  if (parts.has("pipeline")) results.pipeline = await benchPipeline(stack, settings, log);
  await stack.stopWeb();
  if (parts.has("drain")) results.drain = await benchDrain(stack, settings, log);
  if (parts.has("fanout")) results.fanout = await benchFanout(stack, settings, log);
} catch (error) {
  failed = true;
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await stopAll();
}

const command = ["npm run bench", ...Object.entries(process.env).filter(([k]) => k.startsWith("BENCH_")).map(([k, v]) => `${k}=${v}`)].join(" ");
process.stdout.write(`\n${renderTable(results)}\n\n`);
if (!failed) log(`results written to ${writeResults(results, settings, defaultSettings(), command)}`);
process.exit(failed ? 1 : 0);
