import { placeOrderInputSchema } from "../lib/orders/order-input.ts";
import { requestReady } from "../lib/kitchen/request-ready.ts";
import { startOrder } from "../lib/kitchen/start-order.ts";
import type { PrismaClient } from "../lib/db/prisma.ts";
import type { Transport } from "../lib/queue/transport.ts";
import { sleep } from "./common.ts";

// The offered load shared by the pipeline and fan-out parts: orders posted at a fixed
// rate through the API, and a "barista" that presses Start and Ready through the same lib
// functions the kitchen display calls as soon as a ticket shows up as QUEUED.

/** Who the bench's kitchen actions are recorded as in the audit log. */
const BENCH_BARISTA = { id: "bench", name: "bench" };

/** status: the HTTP status, or "timeout"/"error" when no answer came. */
type PostedOrder = { ok: boolean; status: number | "timeout" | "error"; statusUrl?: string };

/** POST /api/orders with phone and email (both notification channels run); ok on 201. */
export async function postOrder(webUrl: string, tag: string, i: number, timeoutMs = 30_000): Promise<PostedOrder> {
  const body = placeOrderInputSchema.parse({
    idempotencyKey: `bench-${tag}-${process.pid}-${Date.now().toString(36)}-${i}`,
    customerName: `Pipeline ${i}`,
    phone: "+14155552671",
    email: `guest${i}@example.com`,
    notifyConsent: true,
    items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] }],
  });
  try {
    const res = await fetch(`${webUrl}/api/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as { statusUrl?: string };
    return { ok: res.status === 201, status: res.status, statusUrl: json.statusUrl };
  } catch (error) {
    // Timed out or refused: counted as a failure by the caller, never a hang.
    return { ok: false, status: error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error" };
  }
}

/**
 * Calls `place(i)` for i = 0 … count-1 at `rate` per second (open loop: a slow answer
 * does not delay the next order) and resolves when every call has finished.
 */
export async function offerAtRate(count: number, rate: number, place: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    calls.push(place(i));
  }
  await Promise.all(calls);
}

/**
 * Waits until every order created since `since` is READY with both notifications sent
 * (or the deadline passes). Returns how many polls it made: each is one transaction of
 * the bench's own, which the fan-out part leaves out of the app's count.
 */
export async function waitUntilFinished(prisma: PrismaClient, since: Date, timeoutMs = 60_000): Promise<{ polls: number; open: number }> {
  const deadline = Date.now() + timeoutMs;
  let polls = 0;
  for (;;) {
    polls++;
    const [{ open }] = await prisma.$queryRaw<[{ open: number }]>`
      WITH o AS (SELECT id, status FROM "Order" WHERE "createdAt" >= ${since})
      SELECT (SELECT count(*) FROM o WHERE status <> 'READY')::int
           + (SELECT count(*) FROM "Notification" n JOIN o ON o.id = n."orderId" WHERE n.status <> 'SENT')::int
           + ((SELECT count(*) FROM o)::int * 2 - (SELECT count(*) FROM "Notification" n JOIN o ON o.id = n."orderId")::int) AS open`;
    if (open === 0 || Date.now() > deadline) return { polls, open };
    await sleep(200);
  }
}

export type BaristaLoop = {
  /** Lets the loop finish once nothing is QUEUED any more (or after timeoutMs: a stuck ticket must not hang the bench); resolves when it has. */
  finish: (timeoutMs?: number) => Promise<void>;
  readonly failures: number;
  /** The loop's own SELECTs (one transaction each): bench overhead, not the app's. */
  readonly polls: number;
};

/**
 * Starts and bumps every QUEUED order (polling every 20 ms) until finish() and nothing is
 * left. `holdMs`: a ticket is started only once it has been queued that long, and bumped
 * that long after it was started, as a barista would take a moment (the fan-out part
 * needs the customers' pages open before their order moves on).
 */
export function startBaristaLoop(prisma: PrismaClient, transport: Transport, options: { holdMs?: number } = {}): BaristaLoop {
  const holdMs = options.holdMs ?? 0;
  const bumping = new Set<string>();
  let placing = true;
  let deadline = Infinity;
  let failures = 0;
  let polls = 0;
  const inflight = new Set<Promise<void>>();
  const loop = (async () => {
    while (placing || bumping.size > 0) {
      polls++;
      // A failed poll (the database overloaded or going away) is counted, not thrown: the
      // loop runs unawaited until finish(), and its deadline still ends it.
      const queued = await prisma.order.findMany({ where: { status: "QUEUED" }, select: { id: true, queuedAt: true } }).catch(() => {
        failures++;
        return [];
      });
      const work = Promise.all(
        queued
          .filter((o) => !bumping.has(o.id) && (holdMs === 0 || (o.queuedAt && o.queuedAt.getTime() <= Date.now() - holdMs)))
          .map(async ({ id }) => {
            bumping.add(id);
            try {
              await startOrder({ prisma, actor: BENCH_BARISTA, orderId: id, barista: BENCH_BARISTA.name });
              if (holdMs > 0) await sleep(holdMs);
              await requestReady({ prisma, actor: BENCH_BARISTA, transport, orderId: id });
            } catch {
              failures++;
            } finally {
              bumping.delete(id);
            }
          }),
      ).then(() => undefined);
      // Without a hold the pipeline part waits for each poll's bumps (as it always has);
      // with one, held tickets must not stop the loop from seeing newly queued ones.
      if (holdMs === 0) await work;
      else {
        const tracked: Promise<void> = work.finally(() => inflight.delete(tracked));
        inflight.add(tracked);
      }
      if ((queued.length === 0 && !placing) || Date.now() > deadline) break;
      await sleep(20);
    }
    await Promise.all(inflight);
  })();
  return {
    finish: (timeoutMs = 60_000) => {
      placing = false;
      deadline = Date.now() + timeoutMs;
      return loop;
    },
    get failures() {
      return failures;
    },
    get polls() {
      return polls;
    },
  };
}
