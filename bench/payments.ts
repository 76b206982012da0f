import { performance } from "node:perf_hooks";
import pg from "pg";
import { seedMenu } from "../lib/menu/seed-menu.ts";
import { placeOrder } from "../lib/orders/place-order.ts";
import type { Payments } from "../lib/payments/payments-of-config.ts";
import { startCheckout } from "../lib/payments/start-checkout.ts";
import { createStripeProvider } from "../lib/payments/stripe-provider.ts";
import { startPaymentWebhookEndpoint } from "../tests/support/payment-webhook-endpoint.ts";
import { startStripeStandIn } from "../tests/support/stripe-stand-in.ts";
import { startTestStack } from "../tests/support/test-stack.ts";
import { orderInput, startTestWorker, stopTestWorker } from "../tests/support/worker-harness.ts";

// `npm run bench:payments`: what paying online costs, in one run on this machine, against the
// real SDK and the local Stripe stand-in (its answers take ~1 ms; Stripe's take 100–500 ms, so
// the absolute times here are a floor, the ratios are what carries over):
//  - placing an order: pay at pickup vs paid online (order + checkout opened), ms per order;
//  - pay → kitchen: from the stand-in's signed webhook leaving to the order QUEUED by the worker.
// BENCH_PAYMENT_ORDERS (default 200) orders of each kind, one at a time.

process.env.LOG_LEVEL ??= "warn";
const N = Number(process.env.BENCH_PAYMENT_ORDERS ?? 200);
const log = (line: string) => process.stdout.write(`[bench:payments] ${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: +pct(s, 50).toFixed(1), p95: +pct(s, 95).toFixed(1), p99: +pct(s, 99).toFixed(1), mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(1) };
};

const stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
const standIn = await startStripeStandIn();
const payments: Payments = { online: createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url }) };
const webhook = await startPaymentWebhookEndpoint(stack, payments);
standIn.setWebhookUrl(webhook.url);
const worker = await startTestWorker(stack, { payments, paymentReconcileIntervalMs: 3_600_000 });
const listener = new pg.Client({ connectionString: stack.pg.url });
await listener.connect();
const queuedAt = new Map<string, number>();
listener.on("notification", (n) => {
  const { id, status } = JSON.parse(n.payload ?? "{}") as { id: string; status: string };
  if (status === "QUEUED" && !queuedAt.has(id)) queuedAt.set(id, performance.now());
});
await listener.query("LISTEN order_changed");

try {
  const place = (online: boolean) =>
    placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", onlinePayments: true, input: orderInput(online ? { payment: "online", tip: { percent: 15 } } : {}) });
  // Warm-up: first queries, the SDK's first connection.
  for (let i = 0; i < 10; i++) {
    await place(false);
    const warm = await place(true);
    await startCheckout({ prisma: stack.prisma, payments, publicToken: warm.publicToken, baseUrl: "http://localhost:3000", expiresMinutes: 30 });
  }

  const atPickup: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await place(false);
    atPickup.push(performance.now() - t);
  }
  const online: number[] = [];
  const toPay: { orderId: string; sessionId: string }[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const order = await place(true);
    const { checkoutUrl } = await startCheckout({ prisma: stack.prisma, payments, publicToken: order.publicToken, baseUrl: "http://localhost:3000", expiresMinutes: 30 });
    online.push(performance.now() - t);
    toPay.push({ orderId: order.orderId, sessionId: checkoutUrl.split("/").pop()! });
  }

  const payToKitchen: number[] = [];
  for (const { orderId, sessionId } of toPay) {
    const t = performance.now();
    await standIn.pay(sessionId);
    for (let waited = 0; !queuedAt.has(orderId) && waited < 10_000; waited += 2) await new Promise((r) => setTimeout(r, 2));
    const at = queuedAt.get(orderId);
    if (at === undefined) throw new Error(`order ${orderId} never reached the kitchen`);
    payToKitchen.push(at - t);
  }

  const pickup = summary(atPickup);
  const paid = summary(online);
  log(`${N} orders of each kind, one at a time`);
  log(`place, pay at pickup (ms): ${JSON.stringify(pickup)}`);
  log(`place + open checkout, paid online (ms): ${JSON.stringify(paid)}`);
  log(`ratio paid online / pay at pickup (mean): ${(paid.mean / pickup.mean).toFixed(2)}`);
  log(`pay → kitchen (signed webhook → QUEUED by the worker, ms): ${JSON.stringify(summary(payToKitchen))}`);
  const lost = await stack.prisma.order.count({ where: { id: { in: toPay.map((p) => p.orderId) }, status: { not: "QUEUED" } } });
  log(`paid orders not in the kitchen at the end: ${lost}`);
} finally {
  await listener.end();
  await stopTestWorker(worker);
  await webhook.close();
  await standIn.close();
  await stack.stop();
}
