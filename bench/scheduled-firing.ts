import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { fmt, root, summarise } from "./common.ts";

// `npm run bench:scheduled`: how punctually worker processes fire scheduled orders to the
// kitchen. BENCH_SCHEDULED_ORDERS (200) orders for one pickup slot, their fire times spread
// one per second over BENCH_SCHEDULED_SECONDS (60) by the latte's prep time; three worker
// processes share the test clock (lib/clock.ts), set so that it reaches the first fire time
// 2 s after they are up and then runs in real time. Reports firedAt − fireAt (the worker
// stamps firedAt with the clock it fired by, so this is how late the firing loop woke and
// claimed), orders fired twice or never, and which worker fired how many (from their logs).
// Writes bench/results/<date>-scheduled-firing.json (.tmp for a run at other settings).

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Placing the orders logs like the app; keep this process's output to the report (set before the lib loads).
process.env.LOG_LEVEL ??= "warn";
const { seedMenu } = await import("../lib/menu/seed-menu.ts");
const { createTestClock, firedByWorker, killAllWorkerChildren, placeOrdersFiringOver, startWorkerChild, stopWorkerChild } = await import("../tests/chaos/worker-children.ts");
const { openAroundTheClock } = await import("../tests/support/scheduled-orders.ts");
const { startTestStack } = await import("../tests/support/test-stack.ts");
const { waitFor } = await import("../tests/support/worker-harness.ts");
const { machine } = await import("./report.ts");

const ORDERS = Number(process.env.BENCH_SCHEDULED_ORDERS ?? 200);
const SECONDS = Number(process.env.BENCH_SCHEDULED_SECONDS ?? 60);
// A fire time per second needs a prep time per second (10..3600 s, counted down from 3600).
if (!Number.isInteger(ORDERS) || ORDERS < 1 || !Number.isInteger(SECONDS) || SECONDS < 1 || SECONDS > 3000) {
  throw new Error("BENCH_SCHEDULED_ORDERS must be a positive integer and BENCH_SCHEDULED_SECONDS an integer from 1 to 3000");
}
const WORKERS = 3;
const log = (line: string) => process.stdout.write(`[bench:scheduled] ${line}\n`);

const stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
const clock = await createTestClock();
// A virtual day in 2030: the real clock never makes any of these orders due.
const slot = new Date("2030-01-07T12:00:00.000Z");
const firstPrepSeconds = 3600;
const firstFireAt = new Date(slot.getTime() - firstPrepSeconds * 1000);

try {
  await openAroundTheClock(stack.prisma, { slotDrinks: 500 });
  const placing = performance.now();
  const accepted = await placeOrdersFiringOver(stack, { slot, placedAt: new Date("2030-01-07T08:00:00.000Z"), count: ORDERS, seconds: SECONDS, firstPrepSeconds });
  log(`${ORDERS} orders placed for ${slot.toISOString()} in ${fmt((performance.now() - placing) / 1000, 1)} s, due from ${firstFireAt.toISOString()} over ${SECONDS} s`);
  const ids = accepted.map((o) => o.orderId);

  const env = { ...clock.env, LOG_LEVEL: "info" };
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorkerChild(stack, env)));
  // Every status change with when it was announced: fired → QUEUED is the order.placed
  // message through SQS to a worker's handler, in real time; counts catch a double firing.
  const listener = new pg.Client({ connectionString: stack.pg.url });
  await listener.connect();
  const changes: { id: string; status: string; at: number }[] = [];
  listener.on("notification", (n) => changes.push({ ...(JSON.parse(n.payload ?? "{}") as { id: string; status: string }), at: performance.now() }));
  await listener.query("LISTEN order_changed");

  clock.setNow(new Date(firstFireAt.getTime() - 2000));
  log(`${WORKERS} workers up; the clock reaches the first fire time in 2 s`);
  const started = performance.now();
  const scheduled = () => stack.prisma.order.count({ where: { id: { in: ids }, status: "SCHEDULED" } });
  await waitFor(async () => (await scheduled()) === 0, { timeoutMs: (SECONDS + 60) * 1000, intervalMs: 500, what: "every order fired" }).catch((e: unknown) => log(String(e)));
  log(`firing done in ${fmt((performance.now() - started) / 1000, 1)} s`);
  await waitFor(async () => (await stack.prisma.order.count({ where: { id: { in: ids }, status: "QUEUED" } })) === ids.length, {
    timeoutMs: 60_000,
    what: "every order QUEUED",
  }).catch((e: unknown) => log(String(e)));
  for (const w of workers) await stopWorkerChild(w);
  await listener.end();

  const rows = await stack.prisma.order.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, fireAt: true, firedAt: true, outbox: { where: { type: "order.placed" }, select: { id: true } } },
  });
  const fired = rows.filter((r) => r.firedAt !== null);
  const accuracy = fired.map((r) => r.firedAt!.getTime() - r.fireAt!.getTime());
  const early = accuracy.filter((ms) => ms < 0).length;
  const late = accuracy.filter((ms) => ms > 60_000).length;
  const count = (id: string, status: string) => changes.filter((c) => c.id === id && c.status === status).length;
  const twice = rows.filter((r) => r.outbox.length > 1 || count(r.id, "PLACED") > 1 || count(r.id, "QUEUED") > 1).length;
  const firstAt = (status: string) => new Map(changes.filter((c) => c.status === status).reverse().map((c) => [c.id, c.at]));
  const [placedAt, queuedAt] = [firstAt("PLACED"), firstAt("QUEUED")];
  const queuedAfterFired = ids.flatMap((id) => (placedAt.has(id) && queuedAt.has(id) ? [queuedAt.get(id)! - placedAt.get(id)!] : []));
  const neverFired = rows.filter((r) => r.status === "SCHEDULED" || r.firedAt === null).length;
  const notQueued = rows.filter((r) => r.status !== "QUEUED").length;
  const byWorker = firedByWorker(workers);
  const split = [...byWorker.values()].map((orders) => orders.length);
  const logged = [...byWorker.values()].flat();
  const acc = { min: Math.min(...accuracy), ...summarise(accuracy) };
  const queued = summarise(queuedAfterFired.map((ms) => Math.round(ms)));

  const table: [string, string][] = [
    ["orders / workers / spread", `${ORDERS} / ${WORKERS} / ${SECONDS} s`],
    ["firedAt − fireAt (ms)", `min ${fmt(acc.min)}  p50 ${fmt(acc.p50)}  p95 ${fmt(acc.p95)}  p99 ${fmt(acc.p99)}  max ${fmt(acc.max)} (n=${acc.count})`],
    ["fired → QUEUED (ms, real time)", `p50 ${fmt(queued.p50)}  p95 ${fmt(queued.p95)}  p99 ${fmt(queued.p99)}  max ${fmt(queued.max)} (n=${queued.count})`],
    ["fired twice (outbox rows or transitions > 1)", String(twice)],
    ["never fired", String(neverFired)],
    ["fired early (< 0 ms) / late (> 60 s)", `${early} / ${late}`],
    ["not QUEUED at the end", String(notQueued)],
    ["fired per worker (logs)", `${split.join(" / ")} (${logged.length} logged, ${logged.length - new Set(logged).size} logged twice)`],
  ];
  process.stdout.write(`\n| metric | value |\n| --- | --- |\n${table.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}\n\n`);

  const full = ORDERS === 200 && SECONDS === 60;
  const now = new Date();
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${now.toISOString().slice(0, 10)}-scheduled-firing${full ? ".json" : ".short.tmp"}`);
  const results = { orders: ORDERS, workers: WORKERS, spreadSeconds: SECONDS, firedMinusFireAtMs: acc, firedToQueuedMs: queued, firedTwice: twice, neverFired, early, late, notQueued, firedPerWorker: split };
  writeFileSync(file, `${JSON.stringify({ date: now.toISOString(), command: "npm run bench:scheduled", machine: machine(), results }, null, 2)}\n`);
  log(`results written to ${path.relative(root, file)}`);
  if (twice || neverFired || early) process.exitCode = 1;
} finally {
  await killAllWorkerChildren();
  await stack.stop();
}
