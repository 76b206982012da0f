import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { randomInt, randomUUID } from "node:crypto";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import type { PrismaClient } from "../../lib/db/prisma.ts";
import { createSqsClient } from "../../lib/queue/clients.ts";
import type { Launcher } from "../support/launcher-process.ts";
import type { MailSink } from "../support/mail-sink.ts";
import { cookieFrom } from "../support/staff-session.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";
import type { AcceptedOrder } from "./invariants.ts";

// A shop run by the real launcher, used the way its people use it: customers order over
// HTTP from their own phones, a barista works the kitchen display's routes with a
// signed-in session, and the texts and emails are counted where the launcher's shop
// records them (the dev SMS inbox table and maildev's REST API).

export type OrderBody = { idempotencyKey: string; deviceId: string; customerName: string; phone: string; email: string; notifyConsent: true; items: { menuItemId: string; quantity: number }[] };
/** status 0: no HTTP answer (connection refused or cut). */
export type Placed = { body: OrderBody; status: number; startMs: number; endMs: number; ticketNumber?: number };

export const isAccepted = (p: Placed) => p.status === 200 || p.status === 201;

let handedOut = 0;
const phoneBase = randomInt(10_000);

/** A customer on their own phone: device id, a (415) 555-xxxx mobile (valid for a US store) and an email address. */
function newOrderBody(): OrderBody {
  const n = String((phoneBase + handedOut++) % 10_000).padStart(4, "0");
  return {
    idempotencyKey: `supervision-${randomUUID()}`,
    deviceId: randomUUID(),
    customerName: `Regular ${n}`,
    phone: `+1415555${n}`,
    email: `regular-${n}@example.com`,
    notifyConsent: true,
    items: [{ menuItemId: "espresso", quantity: 1 }],
  };
}

export async function placeOrder(baseUrl: string, body = newOrderBody()): Promise<Placed> {
  const startMs = Date.now();
  try {
    const res = await fetch(`${baseUrl}/api/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    const json = (await res.json().catch(() => ({}))) as { ticketNumber?: number };
    return { body, status: res.status, startMs, endMs: Date.now(), ticketNumber: json.ticketNumber };
  } catch {
    return { body, status: 0, startMs, endMs: Date.now() };
  }
}

/** One customer after another, every intervalMs, until stop() (which resolves with every attempt). */
export function orderStream(baseUrl: string, intervalMs: number): { stop: () => Promise<Placed[]> } {
  const placed: Placed[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      placed.push(await placeOrder(baseUrl));
      await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return placed;
    },
  };
}

/** The shop's ids for orders its customers were told went through. */
export async function acceptedOrders(prisma: PrismaClient, placed: Placed[]): Promise<AcceptedOrder[]> {
  const ok = placed.filter(isAccepted);
  const rows = await prisma.order.findMany({ where: { idempotencyKey: { in: ok.map((p) => p.body.idempotencyKey) } }, select: { id: true, idempotencyKey: true } });
  const idOf = new Map(rows.map((r) => [r.idempotencyKey, r.id]));
  return ok.map((p) => ({ orderId: idOf.get(p.body.idempotencyKey)!, idempotencyKey: p.body.idempotencyKey, ticketNumber: p.ticketNumber!, phone: p.body.phone, email: p.body.email }));
}

/** A barista's session, signed in over HTTP on the shop's own origin (the account's one-time password marked changed). */
export async function signInBarista(launcher: Launcher, prisma: PrismaClient): Promise<(path: string) => Promise<Response>> {
  const email = `barista-${Date.now()}@test.brewline`;
  const { id, oneTimePassword } = await addStaff({ prisma, email, name: "Sam", role: "barista" });
  await prisma.user.update({ where: { id }, data: { mustChangePassword: false } });
  const headers = { "content-type": "application/json", origin: launcher.baseUrl };
  const res = await fetch(`${launcher.baseUrl}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email, password: oneTimePassword }) });
  if (!res.ok) throw new Error(`barista sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = cookieFrom(res);
  return (path) => fetch(`${launcher.baseUrl}${path}`, { method: "POST", headers: { ...headers, cookie }, body: "{}", signal: AbortSignal.timeout(10_000) });
}

/** Start then Ready on each ticket, as at the kitchen display (Start first: a bump from QUEUED re-announces QUEUED). */
export async function makeAndBump(kitchen: (path: string) => Promise<Response>, orderIds: string[], steps: ("start" | "ready")[] = ["start", "ready"]): Promise<void> {
  for (const id of orderIds) {
    for (const step of steps) {
      const res = await kitchen(`/api/kds/tickets/${id}/${step}`);
      if (res.status !== (step === "start" ? 200 : 202)) throw new Error(`${step} ${id}: ${res.status} ${await res.text()}`);
    }
  }
}

/** maildev's inbox (the launcher's mail web port) in the shape the shared invariant check reads. */
export function maildevInbox(launcher: Launcher): MailSink {
  return {
    smtpUrl: `smtp://127.0.0.1:${launcher.ports.smtp}`,
    emails: async () => {
      const res = await fetch(launcher.mailApiUrl);
      if (!res.ok) throw new Error(`maildev ${res.status}`);
      const all = (await res.json()) as { subject: string; to: { address: string }[]; text?: string; html?: string }[];
      return all.map((e) => ({ subject: e.subject, to: e.to.map((t) => t.address), text: e.text ?? "", html: e.html ?? "" }));
    },
    close: async () => {},
  };
}

/** Messages waiting in the launcher's orders queue and received-but-not-deleted (both 0 = every copy handled). */
export async function ordersQueue(launcher: Launcher): Promise<{ depth: () => Promise<{ visible: number; inFlight: number }>; close: () => void }> {
  const sqs = createSqsClient({ region: "us-east-1", endpoint: launcher.queueEndpoint });
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "brewline-orders.fifo" }));
  return {
    depth: async () => {
      const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
      return { visible: Number(out.Attributes?.ApproximateNumberOfMessages), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible) };
    },
    close: () => sqs.destroy(),
  };
}

/** Whether a URL answers 2xx right now. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Until every order has READY and a SENT text and email (the worker's whole "ready" path). */
export const waitForNotified = (prisma: PrismaClient, orderIds: string[], timeoutMs = 30_000) =>
  waitFor(
    async () =>
      (await prisma.order.count({ where: { id: { in: orderIds }, status: "READY" } })) === orderIds.length &&
      (await prisma.notification.count({ where: { orderId: { in: orderIds }, event: "order.ready", status: "SENT" } })) === orderIds.length * 2,
    { timeoutMs, intervalMs: 100, what: `${orderIds.length} orders READY with a text and an email sent` },
  );
