import { seedMenu } from "../../lib/menu/seed-menu.ts";
import type { Payments } from "../../lib/payments/payments-of-config.ts";
import { createStripeProvider } from "../../lib/payments/stripe-provider.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startPaymentWebhookEndpoint } from "./payment-webhook-endpoint.ts";
import { startStripeStandIn, type StripeStandIn } from "./stripe-stand-in.ts";
import { startTestStack, type TestStack } from "./test-stack.ts";
import { startTestWorker, stopTestWorker } from "./worker-harness.ts";

// Paying online end to end below the browser: the real Stripe SDK against the local stand-in
// (real signatures), the webhook handler behind a real HTTP endpoint, and the real worker
// (its payment reconciler out of the way unless a test calls it).

export type OnlinePaymentStack = {
  stack: TestStack;
  standIn: StripeStandIn;
  payments: Payments;
  webhook: Awaited<ReturnType<typeof startPaymentWebhookEndpoint>>;
  worker: Worker;
  stop: () => Promise<void>;
};

export async function startOnlinePaymentStack(options: { prepare?: (stack: TestStack) => Promise<void> } = {}): Promise<OnlinePaymentStack> {
  const stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  await options.prepare?.(stack);
  const standIn = await startStripeStandIn();
  const payments: Payments = { online: createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiUrl: standIn.url }) };
  const webhook = await startPaymentWebhookEndpoint(stack, payments);
  standIn.setWebhookUrl(webhook.url);
  const worker = await startTestWorker(stack, { payments, paymentReconcileIntervalMs: 3_600_000 });
  return {
    stack,
    standIn,
    payments,
    webhook,
    worker,
    stop: async () => {
      await stopTestWorker(worker);
      await webhook.close();
      await standIn.close();
      await stack.stop();
    },
  };
}
