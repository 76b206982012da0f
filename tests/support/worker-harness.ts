import type { Config } from "../../lib/config.ts";
import type { EmailSender } from "../../lib/notifications/email-sender.ts";
import type { PlaceOrderInput } from "../../lib/orders/order-input.ts";
import type { OrderReadyEvent } from "../../lib/messages/order-ready.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { startWorker, type StartWorkerOptions, type Worker } from "../../worker/start-worker.ts";
import { testOrderInputSchema, type TestStack } from "./test-stack.ts";

// Shared pieces of the worker integration tests: an in-process worker with short polls
// and timers, order placement, and polling for an outcome with a deadline.

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 100, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let keySeq = 0;
export function orderInput(overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  keySeq++;
  return testOrderInputSchema.parse({
    idempotencyKey: `worker-test-${Date.now()}-${keySeq}`.padEnd(16, "x"),
    customerName: "Ada",
    items: [{ menuItemId: "latte", quantity: 1, modifierIds: [] }],
    // Callers add a phone or email freely; the customer ticked the box.
    notifyConsent: true,
    ...overrides,
  });
}

export const placeTestOrder = (stack: TestStack, overrides: Partial<PlaceOrderInput> = {}) =>
  placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: orderInput(overrides) });

/** A worker in this process on the stack's clients; no health server unless asked. */
export function startTestWorker(
  stack: TestStack,
  options: { config?: Partial<Config>; emailSender?: EmailSender | null } & Partial<Omit<StartWorkerOptions, "config" | "emailSender">> = {},
): Promise<Worker> {
  const { config, ...rest } = options;
  return startWorker({
    prisma: stack.prisma,
    transport: stack.transport,
    pollWaitSeconds: 1,
    reconcileIntervalMs: 250,
    heartbeatIntervalMs: 500,
    healthPort: null,
    emailSender: null,
    ...rest,
    config: { ...stack.config, ...config },
  });
}

/**
 * Stops a test worker and waits out its last long poll: the emulator still completes
 * an aborted receive, and a message arriving then would sit invisible for 30 s.
 */
export async function stopTestWorker(worker: Worker | undefined, pollWaitSeconds = 1): Promise<void> {
  if (!worker) return;
  await worker.stop({ timeoutMs: 5000 });
  await sleep(pollWaitSeconds * 1000 + 200);
}

export type OrderChange = { id: string; status: string };

/** Every change the Order trigger announces (pg_notify 'order_changed'), to count transitions. */
export async function listenOrderChanges(databaseUrl: string): Promise<{ changes: OrderChange[]; close: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const changes: OrderChange[] = [];
  client.on("notification", (n) => {
    if (n.channel === "order_changed" && n.payload) changes.push(JSON.parse(n.payload) as OrderChange);
  });
  await client.query("LISTEN order_changed");
  return { changes, close: () => client.end() };
}

/** The `order.ready` event the worker publishes for an order, with a fresh outbox id. */
export const readyEventFor = (order: { orderId: string; ticketNumber: number }): OrderReadyEvent => ({
  type: "order.ready",
  outboxId: crypto.randomUUID(),
  orderId: order.orderId,
  ticketNumber: order.ticketNumber,
  customerName: "Ada",
  readyAt: new Date().toISOString(),
});
