import { beforeAll, describe, expect, it } from "vitest";
import { getKdsBoard } from "../../lib/kitchen/get-kds-board.ts";
import { FIRE_LATE_AFTER_SECONDS } from "../../lib/schedule/fire-lateness.ts";
import { openAroundTheClock } from "../support/scheduled-orders.ts";
import { listenOrderChanges, waitFor } from "../support/worker-harness.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { assertInvariants } from "./invariants.ts";
import {
  createTestClock,
  firedByWorker,
  placeOrdersFiringOver,
  startWorkerChild,
  stopWorkerChild,
  waitForStatus,
  type WorkerChild,
} from "./worker-children.ts";

// Scheduled orders fired to the kitchen by real worker processes on a shared test clock
// (lib/clock.ts, moved through BREWLINE_TEST_CLOCK_FILE; the virtual day is in 2030, so the
// real clock never makes anything due). First the shop is down while fire times pass: the
// first worker to start fires those orders late, marked late, none lost. Then two more
// workers join, 60 orders fall due over 12 s, and the busiest worker is SIGKILLed meanwhile:
// each order is fired exactly once, never early, within 3 s of its time.

const chaos = setupChaosStack();
const at = (hms: string) => new Date(`2030-01-07T${hms}.000Z`);
let clock: Awaited<ReturnType<typeof createTestClock>>;
const workers: WorkerChild[] = [];
const workerEnv = () => ({ ...clock.env, LOG_LEVEL: "info" });

beforeAll(async () => {
  clock = await createTestClock();
  await openAroundTheClock(chaos.stack.prisma, { slotDrinks: 500 });
});

const firedRows = (ids: string[]) =>
  chaos.stack.prisma.order.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, fireAt: true, firedAt: true, createdAt: true, outbox: { where: { type: "order.placed" }, select: { id: true } } },
  });
const countWhere = (ids: string[], status: "SCHEDULED" | "QUEUED") => chaos.stack.prisma.order.count({ where: { id: { in: ids }, status } });

describe("scheduled orders fired by worker processes", () => {
  it("the shop was down while fire times passed: the first worker to start fires them late, marked late, none lost", async () => {
    // Placed at 8:00 for 9:00 with 5 minutes' prep: due at 8:55.
    const accepted = await placeOrdersFiringOver(chaos.stack, { slot: at("09:00:00"), placedAt: at("08:00:00"), count: 5, seconds: 1, firstPrepSeconds: 300 });
    const ids = accepted.map((o) => o.orderId);
    clock.setNow(at("09:00:00"));
    expect(await countWhere(ids, "SCHEDULED"), "no worker ran: nothing fired").toBe(5);

    workers.push(await startWorkerChild(chaos.stack, workerEnv()));
    await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 30_000 });

    for (const row of await firedRows(ids)) {
      const lateMs = row.firedAt!.getTime() - row.fireAt!.getTime();
      expect(lateMs, `order ${row.id} fired ${lateMs} ms after its time`).toBeGreaterThanOrEqual(300_000);
      expect(lateMs).toBeGreaterThan(FIRE_LATE_AFTER_SECONDS * 1000);
      expect(row.outbox).toHaveLength(1);
      // It queues where it would have: by its fire time, not by when the worker came back.
      expect(row.createdAt).toEqual(row.fireAt);
    }
    const board = await getKdsBoard({ prisma: chaos.stack.prisma, timeZone: "UTC", now: clock.now() });
    const tickets = board.tickets.filter((t) => ids.includes(t.id));
    expect(tickets.map((t) => [t.late, t.pickupLabel])).toEqual(ids.map(() => [true, "9:00"]));
    await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "QUEUED" } });
  });

  it("3 workers, the busiest SIGKILLed while 60 orders fall due: each fired exactly once, on time", async () => {
    // Two more workers start meanwhile; the orders are due one second after another from
    // 9:50:00 to 9:50:11, five a second, and the clock reads about 9:00.
    const [accepted, ...joined] = await Promise.all([
      placeOrdersFiringOver(chaos.stack, { slot: at("10:00:00"), placedAt: at("09:00:00"), count: 60, seconds: 12, firstPrepSeconds: 600 }),
      startWorkerChild(chaos.stack, workerEnv()),
      startWorkerChild(chaos.stack, workerEnv()),
    ]);
    workers.push(...joined);
    const ids = accepted.map((o) => o.orderId);
    const fireAt = new Map(accepted.map((o) => [o.orderId, o.fireAt.getTime()]));
    const listener = await listenOrderChanges(chaos.stack.pg.url);
    try {
      expect(await countWhere(ids, "SCHEDULED"), "nothing due before the clock moves").toBe(60);
      clock.setNow(new Date(at("09:50:00").getTime() - 1500));

      const mine = (orders: string[] | undefined) => (orders ?? []).filter((id) => fireAt.has(id));
      let scheduledAtKill = 0;
      let byWorker = new Map<string, string[]>();
      await waitFor(
        async () => {
          scheduledAtKill = await countWhere(ids, "SCHEDULED");
          byWorker = firedByWorker(workers);
          // Also wait for the workers' log lines of what they fired, to pick the busiest.
          const logged = [...byWorker.values()].flatMap(mine).length;
          return scheduledAtKill <= 50 && scheduledAtKill >= 20 && logged >= 60 - scheduledAtKill;
        },
        { timeoutMs: 30_000, intervalMs: 25, what: "some orders fired and many still to fire" },
      );
      const firedSoFar = (w: WorkerChild) => mine(byWorker.get(w.workerId)).length;
      const victim = workers.reduce((a, b) => (firedSoFar(b) > firedSoFar(a) ? b : a));
      victim.child.kill("SIGKILL");
      const killedAt = clock.now().getTime();
      expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
      const replacement = await startWorkerChild(chaos.stack, workerEnv());
      const survivors = [...workers.filter((w) => w !== victim), replacement];

      await waitFor(async () => (await countWhere(ids, "SCHEDULED")) === 0, { timeoutMs: 40_000, what: "every order fired" });
      // An order.placed message the killed worker had received comes back after the queue's
      // 30 s visibility timeout (its long polls outlive it on the emulator): hence the wait.
      await waitForStatus(chaos.stack, ids, "QUEUED", { timeoutMs: 50_000 });
      for (const w of survivors) expect(await stopWorkerChild(w), w.output().slice(-2000)).toEqual({ code: 0, signal: null });

      const rows = await firedRows(ids);
      expect(rows).toHaveLength(60);
      const lateness = rows.map((r) => r.firedAt!.getTime() - r.fireAt!.getTime());
      for (const row of rows) {
        expect(row.fireAt!.getTime(), "fire time as placed").toBe(fireAt.get(row.id));
        const lateMs = row.firedAt!.getTime() - row.fireAt!.getTime();
        expect(lateMs, `order ${row.id} fired early`).toBeGreaterThanOrEqual(0);
        // Orders due around the kill may have been claimed by the dead worker's open
        // transaction: they wait for Postgres to end it and for a survivor's next run.
        const nearKill = row.fireAt!.getTime() >= killedAt - 3000 && row.fireAt!.getTime() <= killedAt + 1000;
        expect(lateMs, `order ${row.id} fired ${lateMs} ms after its time (${nearKill ? "due near the kill" : "not affected"})`).toBeLessThan(nearKill ? 10_000 : 3000);
        expect(row.outbox, `order.placed rows of ${row.id}`).toHaveLength(1);
        expect(row.createdAt).toEqual(row.fireAt);
      }
      const transitions = (status: string) => listener.changes.filter((c) => c.status === status && ids.includes(c.id));
      expect(new Set(transitions("PLACED").map((c) => c.id)).size).toBe(60);
      expect(transitions("PLACED"), "SCHEDULED → PLACED once per order").toHaveLength(60);
      expect(transitions("QUEUED"), "PLACED → QUEUED once per order").toHaveLength(60);

      // The logs agree: no order was fired by two workers, and the victim really was firing.
      const fired = new Map([...firedByWorker([...workers, replacement])].map(([id, orders]) => [id, mine(orders)]));
      const split = [...fired].map(([id, orders]) => `${id === victim.workerId ? "killed " : ""}${id}: ${orders.length}`).join(", ");
      const logged = [...fired.values()].flat();
      expect(logged.length, `fired per worker: ${split}`).toBe(new Set(logged).size);
      expect(fired.get(victim.workerId)!.length, `fired per worker: ${split}`).toBeGreaterThan(0);
      console.info(`scheduled firing: ${60 - scheduledAtKill} of 60 fired when the busiest worker was killed; fired per worker: ${split}; firedAt − fireAt max ${Math.max(...lateness)} ms`);
    } finally {
      await listener.close();
    }
    await assertInvariants({ prisma: chaos.stack.prisma, accepted, final: { status: "QUEUED" } });
  });
});
