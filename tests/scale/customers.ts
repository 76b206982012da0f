import { randomUUID } from "node:crypto";
import type { PlaceOrderInput } from "../../lib/orders/order-input.ts";
import { customerInput } from "../chaos/worker-children.ts";
import { sleep } from "../support/worker-harness.ts";

// Simulated customers ordering over HTTP through the load balancer, each from their own
// phone (device id, phone number, email address). A failed order is sent once more with
// the same idempotency key, as the ordering page does when the customer taps "try
// again": safe, because the server answers a repeated key with the order it stored.

/** "cut-off": the status line arrived but the body did not (the instance died mid-response). */
export type Attempt = { startMs: number; endMs: number; status: number | "network-error" | "cut-off"; requestId: string; upstream?: string; error?: string };

export type CustomerOrder = {
  input: PlaceOrderInput;
  first: Attempt;
  retry?: Attempt;
  /** From whichever attempt was accepted. */
  ticketNumber?: number;
  statusUrl?: string;
};

export const isAccepted = (a: Attempt | undefined) => a?.status === 200 || a?.status === 201;

/** A fresh customer on their own device, with a phone and an email address to notify. */
export const newCustomer = () => customerInput({ deviceId: randomUUID() });

export async function postOrder(baseUrl: string, input: PlaceOrderInput): Promise<{ attempt: Attempt; body?: { ticketNumber: number; statusUrl: string } }> {
  const requestId = randomUUID();
  const startMs = Date.now();
  try {
    const res = await fetch(`${baseUrl}/api/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-Id": requestId },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(30_000),
    });
    const upstream = res.headers.get("x-upstream") ?? undefined;
    const body = (await res.json().catch(() => undefined)) as { ticketNumber?: number; statusUrl?: string } | undefined;
    const complete = body?.ticketNumber !== undefined && body.statusUrl !== undefined;
    // A customer who never saw their ticket number has not been told the order went through.
    const status = (res.status === 200 || res.status === 201) && !complete ? "cut-off" : res.status;
    const attempt: Attempt = { startMs, endMs: Date.now(), status, requestId, upstream };
    return { attempt, body: isAccepted(attempt) ? (body as { ticketNumber: number; statusUrl: string }) : undefined };
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    return { attempt: { startMs, endMs: Date.now(), status: "network-error", requestId, error: cause?.message ?? (error as Error).message } };
  }
}

export type Load = {
  /** Requests sent and not yet answered, right now. */
  inFlight: () => number;
  done: Promise<CustomerOrder[]>;
};

/** `customers` closed loops, each ordering, pausing about thinkMs, and ordering again until durationMs is up. */
export function runCustomers(options: { baseUrl: string; customers: number; durationMs: number; thinkMs: number; retryDelayMs: number }): Load {
  const { baseUrl, customers, durationMs, thinkMs, retryDelayMs } = options;
  const endAt = Date.now() + durationMs;
  let inFlight = 0;
  const send = async (input: PlaceOrderInput) => {
    inFlight++;
    try {
      return await postOrder(baseUrl, input);
    } finally {
      inFlight--;
    }
  };
  const customer = async (index: number): Promise<CustomerOrder[]> => {
    const orders: CustomerOrder[] = [];
    // Spread the first orders over one think time rather than all at once.
    await sleep((thinkMs * index) / customers);
    while (Date.now() < endAt) {
      const input = newCustomer();
      const first = await send(input);
      const order: CustomerOrder = { input, first: first.attempt, ...first.body };
      if (!isAccepted(first.attempt)) {
        await sleep(retryDelayMs);
        const again = await send(input);
        Object.assign(order, { retry: again.attempt, ...again.body });
      }
      orders.push(order);
      await sleep(thinkMs * (0.5 + Math.random()));
    }
    return orders;
  };
  const done = Promise.all(Array.from({ length: customers }, (_, i) => customer(i))).then((all) => all.flat());
  return { inFlight: () => inFlight, done };
}
