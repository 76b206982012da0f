import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma.ts";
import { groupAlive } from "../../scripts/stack/children.ts";
import { ensureFreshBuild } from "../../scripts/stack/fresh-build.ts";
import { startLauncher, type Launcher } from "../support/launcher-process.ts";
import { listenOrderChanges, sleep, waitFor } from "../support/worker-harness.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { acceptedOrders, answers, isAccepted, maildevInbox, makeAndBump, orderStream, ordersQueue, placeOrder, signInBarista, waitForNotified, type Placed } from "./launcher-shop.ts";

// Issue 13: the one-command launcher supervises the shop it started. The real launcher
// (`scripts/stack.ts start --no-build`) runs on free ports; its worker, then its web
// process, is SIGKILLed as a crash would end them. The shop must keep its promises:
// orders taken while the worker is down are accepted and wait in Postgres and the
// queue, the worker keeps draining while the web is down, each crashed process is back
// within a bound, and every order is queued once and its customer told once.

const root = path.resolve(import.meta.dirname, "../..");
// The production build the security and scale suites reuse (tests/security/security-stack.ts).
const DIST_DIR = process.env.SECURITY_DIST_DIR || ".next-scale";

let launcher: Launcher;
let prisma: PrismaClient;
let changes: Awaited<ReturnType<typeof listenOrderChanges>>;
let kitchen: Awaited<ReturnType<typeof signInBarista>>;
let queue: Awaited<ReturnType<typeof ordersQueue>>;
const numbers: Record<string, number> = {};
const duplicates = { queued: 0, ready: 0 };

const workerHealth = () => `http://127.0.0.1:${launcher.ports.workerHealth}/health`;
const webHealth = () => `${launcher.baseUrl}/api/health`;
/** Orders the trigger announced with `status` more than once (a redelivered message handled twice). */
const announcedTwice = (ids: string[], status: string) => ids.filter((id) => changes.changes.filter((c) => c.id === id && c.status === status).length !== 1);
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

/** The shared end state: each order READY, one QUEUED and one READY transition, one text and one email. */
async function assertServedOnce(accepted: AcceptedOrder[]): Promise<void> {
  const ids = accepted.map((a) => a.orderId);
  await sleep(1000); // a late duplicate, if there were one, lands before the count
  const twice = { queued: announcedTwice(ids, "QUEUED"), ready: announcedTwice(ids, "READY") };
  duplicates.queued += twice.queued.length;
  duplicates.ready += twice.ready.length;
  expect(twice, "orders not queued / made ready exactly once").toEqual({ queued: [], ready: [] });
  await assertInvariants({ prisma, sink: maildevInbox(launcher), accepted, final: { status: "READY", sms: "SENT", email: "SENT" } });
}

beforeAll(async () => {
  await ensureFreshBuild({ root, distDir: DIST_DIR, log: (line) => console.log(`[launcher-supervision] ${line}`) });
  launcher = await startLauncher({
    distDir: DIST_DIR,
    // One test client is every customer here: lift the per-address and per-device order limits.
    env: { ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0", ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: "0", ORDER_RATE_LIMIT_PER_MINUTE: "0", ORDER_RATE_LIMIT_PER_HOUR: "0" },
  });
  prisma = createPrismaClient(launcher.databaseUrl);
  // A new store's open-orders limit would refuse orders part-way (as in e2e/global-setup.ts).
  await prisma.$executeRaw`UPDATE "StoreSettings" SET "maxOpenOrders" = NULL WHERE id = 1`;
  changes = await listenOrderChanges(launcher.databaseUrl);
  kitchen = await signInBarista(launcher, prisma);
  queue = await ordersQueue(launcher);
}, 600_000);

afterAll(async () => {
  queue?.close();
  await changes?.close();
  await prisma?.$disconnect();
  console.log(`[launcher-supervision] ${JSON.stringify({ ...numbers, duplicates })}`);
  if (!launcher) return;
  console.log(launcher.lines.filter((l) => /^\[stack\] (web|worker) /.test(l)).join("\n"));
  const pids = launcher.lines.flatMap((l) => /^\[stack\] (?:web|worker) started \(pid (\d+)\)/.exec(l)?.[1] ?? []).map(Number);
  // Ctrl-C / a service manager's SIGTERM: everything stops in order and the launcher exits 0.
  expect(await launcher.stop(), launcher.lines.slice(-20).join("\n")).toEqual({ code: 0, signal: null });
  expect(pids.filter(groupAlive), "web or worker process groups left running").toEqual([]);
}, 60_000);

describe("the launcher restarts a crashed child while the shop keeps serving", () => {
  it("worker SIGKILLed: orders keep being accepted, the worker is back within 5 s, each order queued and notified once", async () => {
    const oldPid = launcher.pidOf("worker")!;
    // The pid the launcher logged is the worker doing the work: its heartbeat row says so.
    await waitFor(() => prisma.workerHeartbeat.findFirst({ where: { pid: oldPid } }), { what: `a heartbeat from worker pid ${oldPid}` });

    const stream = orderStream(launcher.baseUrl, 150);
    await sleep(1000);
    const from = launcher.lines.length;
    const killAt = Date.now();
    process.kill(oldPid, "SIGKILL");
    await waitFor(async () => launcher.pidOf("worker") !== oldPid && (await answers(workerHealth())), { timeoutMs: 15_000, intervalMs: 50, what: "the worker to answer again" });
    const backAt = Date.now();
    await sleep(1000);
    const placed = await stream.stop();

    const newPid = launcher.pidOf("worker")!;
    expect(await launcher.waitForLine(/^\[stack\] worker exited/, { from })).toMatch(/^\[stack\] worker exited \(signal SIGKILL\) after [\d.hms]+; restarting in 1 s/);
    expect(launcher.lines.slice(from)).toContain(`[stack] worker started (pid ${newPid})`);
    const duringOutage = placed.filter((p) => p.startMs >= killAt && p.startMs < backAt);
    numbers.ordersAcceptedDuringWorkerOutage = duringOutage.filter(isAccepted).length;
    numbers.workerBackSeconds = seconds(backAt - killAt);
    expect(placed.filter((p) => !isAccepted(p)).map((p) => p.status), "order POSTs refused or failed").toEqual([]);
    expect(duringOutage.length, "orders placed while the worker was down").toBeGreaterThanOrEqual(3);
    expect(backAt - killAt, "ms until the worker answered again").toBeLessThan(5000);
    await waitFor(() => prisma.workerHeartbeat.findFirst({ where: { pid: newPid } }), { what: `a heartbeat from the restarted worker (pid ${newPid})` });

    const accepted = await acceptedOrders(prisma, placed);
    const ids = accepted.map((a) => a.orderId);
    // The dead worker's pending long poll took the first order placed after the kill; it
    // comes back after the orders queue's 30 s visibility timeout, as any held message.
    await waitFor(async () => (await prisma.order.count({ where: { id: { in: ids }, status: "QUEUED" } })) === ids.length, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: `${ids.length} orders QUEUED`,
    });
    numbers.secondsUntilAllQueuedAfterWorkerKill = seconds(Date.now() - killAt);
    await waitFor(async () => Object.values(await queue.depth()).every((n) => n === 0), { timeoutMs: 60_000, intervalMs: 250, what: "the orders queue to drain" });

    await makeAndBump(kitchen, ids);
    await waitForNotified(prisma, ids);
    await assertServedOnce(accepted);
  });

  it("web SIGKILLed: the worker drains the kitchen meanwhile, the web answers again and takes new orders", async () => {
    const oldPid = launcher.pidOf("web")!;
    const workerPid = launcher.pidOf("worker")!;
    // Tickets a barista has started, to bump just before the crash.
    const making = await acceptedOrders(prisma, await Promise.all([1, 2, 3, 4].map(() => placeOrder(launcher.baseUrl))));
    expect(making).toHaveLength(4);
    await waitFor(async () => (await prisma.order.count({ where: { id: { in: making.map((a) => a.orderId) }, status: "QUEUED" } })) === 4, { what: "4 orders QUEUED" });
    await makeAndBump(kitchen, making.map((a) => a.orderId), ["start"]);

    // The worker is paused (SIGSTOP) for the moments around the crash, so the work it is
    // given is still waiting when the web dies, however fast it is: what it then does,
    // it does while the web is down. SIGCONT comes right after the kill.
    const from = launcher.lines.length;
    let waiting: Placed[] = [];
    let killAt = 0;
    process.kill(workerPid, "SIGSTOP");
    try {
      waiting = await Promise.all([1, 2, 3, 4, 5, 6].map(() => placeOrder(launcher.baseUrl)));
      await makeAndBump(kitchen, making.map((a) => a.orderId), ["ready"]);
      killAt = Date.now();
      process.kill(oldPid, "SIGKILL");
    } finally {
      process.kill(workerPid, "SIGCONT");
    }
    expect(waiting.filter((p) => !isAccepted(p)).map((p) => p.status)).toEqual([]);
    const queued = await acceptedOrders(prisma, waiting);
    const waitingIds = queued.map((a) => a.orderId);
    const makingIds = making.map((a) => a.orderId);

    // Both clocks at once: when the web answers again, and when the worker has drained.
    const webBack = waitFor(async () => launcher.pidOf("web") !== oldPid && (await answers(webHealth())), { timeoutMs: 30_000, intervalMs: 50, what: "the web to answer again" }).then(() => Date.now());
    const drained = Promise.all([
      waitFor(async () => (await prisma.order.count({ where: { id: { in: waitingIds }, status: "QUEUED" } })) === waitingIds.length, { intervalMs: 50, what: "orders placed before the crash QUEUED" }),
      waitForNotified(prisma, makingIds),
    ]);
    const [webBackAt] = await Promise.all([webBack, drained]);
    numbers.webBackSeconds = seconds(webBackAt - killAt);
    expect(await launcher.waitForLine(/^\[stack\] web exited/, { from })).toMatch(/^\[stack\] web exited \(signal SIGKILL\) after [\d.hms]+; restarting in 1 s/);
    expect(webBackAt - killAt, "ms until the web answered again").toBeLessThan(15_000);

    // What the worker did, by its own timestamps: all of it after the kill and before the
    // web answered again (which its 1 s restart delay alone keeps down that long).
    const rows = await prisma.order.findMany({ where: { id: { in: [...waitingIds, ...makingIds] } }, select: { queuedAt: true, readyAt: true, status: true } });
    const orderTimes = rows.map((r) => (r.status === "READY" ? r.readyAt! : r.queuedAt!).getTime());
    const sent = await prisma.notification.findMany({ where: { orderId: { in: makingIds }, event: "order.ready" }, select: { sentAt: true } });
    const sentTimes = sent.map((n) => n.sentAt!.getTime());
    numbers.webDownWorkerDoneSeconds = seconds(Math.max(...orderTimes) - killAt);
    numbers.webDownNotificationsSentSeconds = seconds(Math.max(...sentTimes) - killAt);
    numbers.notificationsSentWhileWebDown = sentTimes.filter((t) => t < webBackAt).length;
    expect(Math.min(...orderTimes, ...sentTimes), "worker work done before the kill").toBeGreaterThanOrEqual(killAt);
    expect(orderTimes.filter((t) => t >= webBackAt), "orders the worker moved only after the web was back").toEqual([]);
    expect(sentTimes.filter((t) => t >= webBackAt), "notifications sent only after the web was back").toEqual([]);

    // New customers are served by the restarted web.
    const after = await Promise.all([1, 2, 3].map(() => placeOrder(launcher.baseUrl)));
    expect(after.map((p) => p.status)).toEqual([201, 201, 201]);
    const accepted = [...making, ...queued, ...(await acceptedOrders(prisma, after))];
    const rest = accepted.filter((a) => !makingIds.includes(a.orderId)).map((a) => a.orderId);
    await waitFor(async () => (await prisma.order.count({ where: { id: { in: rest }, status: "QUEUED" } })) === rest.length, { what: "the other orders QUEUED" });
    await makeAndBump(kitchen, rest);
    await waitForNotified(prisma, rest);
    await assertServedOnce(accepted);
  });
});
