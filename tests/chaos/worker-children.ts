import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/embedded/free-port.ts";
import type { OrderStatus } from "../../lib/generated/prisma/enums.ts";
import type { PlaceOrderInput } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { placeScheduledOrder } from "../support/scheduled-orders.ts";
import type { TestStack } from "../support/test-stack.ts";
import { orderInput, sleep, waitFor } from "../support/worker-harness.ts";
import { getHealth, spawnWorkerProcess, type WorkerProcess } from "../support/worker-process.ts";
import type { AcceptedOrder } from "./invariants.ts";

// Chaos-suite helpers: real worker processes (started, SIGTERMed, SIGKILLed) and customers
// who keep retrying the same order until the shop accepts it.

export type WorkerChild = WorkerProcess & { healthPort: number; workerId: string };

const started: WorkerProcess[] = [];

/** Spawns `node --import tsx worker/main.ts` and waits until its health server answers (200 or 503). */
export async function startWorkerChild(stack: TestStack, env: Record<string, string> = {}): Promise<WorkerChild> {
  const healthPort = await freePort();
  const child = spawnWorkerProcess({ ...stack.env, WORKER_HEALTH_PORT: String(healthPort), ...env });
  started.push(child);
  const health = await waitFor(
    async () => {
      if (child.child.exitCode !== null || child.child.signalCode !== null) throw new Error(`worker exited early:\n${child.output()}`);
      return getHealth(healthPort);
    },
    { timeoutMs: 30_000, what: "worker process health server" },
  );
  return { ...child, healthPort, workerId: String(health.body.workerId) };
}

/** SIGTERM and wait for the exit; a clean stop records the final heartbeat counts. */
export async function stopWorkerChild(worker: WorkerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  return worker.exited;
}

export async function killAllWorkerChildren(): Promise<void> {
  for (const w of started.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill("SIGKILL");
      await w.exited;
    }
  }
}

let seq = 0;
/** A customer with their own phone number and email address, so per-recipient counts are per order. */
export function customerInput(overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  seq++;
  const n = String(seq).padStart(6, "0");
  return orderInput({ customerName: `Chaos ${n}`, phone: `+447700${n}`, email: `chaos-${n}@example.com`, ...overrides });
}

/**
 * Places one order the way a customer's browser does while the shop has trouble: the same
 * request (same idempotency key) again until it is accepted. Only accepted orders count.
 */
export async function placeUntilAccepted(stack: TestStack, input = customerInput(), { timeoutMs = 30_000 } = {}): Promise<AcceptedOrder> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const o = await placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input });
      return { orderId: o.orderId, idempotencyKey: input.idempotencyKey, ticketNumber: o.ticketNumber, phone: input.phone, email: input.email };
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** Waits until every given order has the status (several minutes at most is a failure). */
export function waitForStatus(stack: TestStack, orderIds: string[], status: OrderStatus, { timeoutMs = 60_000 } = {}) {
  return waitFor(
    async () => (await stack.prisma.order.count({ where: { id: { in: orderIds }, status } })) === orderIds.length,
    { timeoutMs, intervalMs: 250, what: `${orderIds.length} orders ${status}` },
  );
}

/**
 * The shop's clock for worker children (lib/clock.ts): pass `env` to startWorkerChild; setNow
 * makes every child read `at` from now on (within its 100 ms re-read) and run on in real time.
 */
export async function createTestClock() {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "brewline-clock-")), "offset-ms");
  let offsetMs = 0;
  return {
    env: { BREWLINE_TEST_CLOCK_FILE: file },
    setNow(at: Date) {
      offsetMs = at.getTime() - Date.now();
      writeFileSync(file, String(offsetMs));
    },
    now: () => new Date(Date.now() + offsetMs),
  };
}

/**
 * `count` orders (one latte each) for pickup at `slot`, their fire times spread one per second
 * over `seconds` seconds from slot − firstPrepSeconds: the latte's prep time is set before each
 * second's orders are placed (placement fixes fireAt) and reset to the default afterwards.
 */
export async function placeOrdersFiringOver(
  stack: TestStack,
  o: { slot: Date; placedAt: Date; count: number; seconds: number; firstPrepSeconds: number },
): Promise<(AcceptedOrder & { fireAt: Date })[]> {
  const run = `${process.pid}-${Date.now()}`;
  const accepted: (AcceptedOrder & { fireAt: Date })[] = [];
  try {
    for (let s = 0; s < o.seconds; s++) {
      const prepSeconds = o.firstPrepSeconds - s;
      await stack.prisma.menuItem.update({ where: { id: "latte" }, data: { prepSeconds } });
      const keys = Array.from({ length: o.count }, (_, i) => i).filter((i) => i % o.seconds === s).map((i) => `fire-${run}-${i}`);
      const placed = await Promise.all(keys.map((idempotencyKey) => placeScheduledOrder({ prisma: stack.prisma, transport: stack.transport, now: o.placedAt, pickupAt: o.slot, idempotencyKey })));
      for (const [n, p] of placed.entries()) {
        if (p.status !== "SCHEDULED") throw new Error(`order ${p.orderId} is ${p.status}, not SCHEDULED`);
        accepted.push({ orderId: p.orderId, idempotencyKey: keys[n]!, ticketNumber: p.ticketNumber, fireAt: new Date(o.slot.getTime() - prepSeconds * 1000) });
      }
    }
  } finally {
    await stack.prisma.menuItem.update({ where: { id: "latte" }, data: { prepSeconds: null } });
  }
  return accepted;
}

/** Which worker child fired which scheduled orders, from its "scheduled order fired" log lines (LOG_LEVEL=info). */
export function firedByWorker(workers: WorkerChild[]): Map<string, string[]> {
  const fired = new Map<string, string[]>();
  for (const w of workers) {
    const ids: string[] = [];
    for (const line of w.output().split("\n")) {
      // A SIGKILLed child may have left half a line at the end.
      if (!line.includes("scheduled order fired") || !line.trimEnd().endsWith("}")) continue;
      const entry = JSON.parse(line) as { orderId?: string };
      if (entry.orderId) ids.push(entry.orderId);
    }
    fired.set(w.workerId, ids);
  }
  return fired;
}
