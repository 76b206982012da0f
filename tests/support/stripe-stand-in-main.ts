import { startStripeStandIn } from "./stripe-stand-in.ts";

// The Stripe stand-in as its own process, for e2e runs and trying the payment flow by hand:
//   STANDIN_PORT=12111 STRIPE_WEBHOOK_URL=http://localhost:3000/api/payments/stripe/webhook \
//     node --import tsx tests/support/stripe-stand-in-main.ts
// Prints its URL and keys; point STRIPE_API_URL, STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET
// of the app at them. Controls: /__standin/… (tests/support/stripe-stand-in.ts).

const env = process.env;
const port = env.STANDIN_PORT ? Number(env.STANDIN_PORT) : 12111;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STANDIN_PORT must be a port number, got ${env.STANDIN_PORT}`);
  process.exit(2);
}
if (env.STRIPE_SECRET_KEY && !/^(sk|rk)_test_/.test(env.STRIPE_SECRET_KEY)) {
  console.error("STRIPE_SECRET_KEY for the stand-in must be a test key (sk_test_…)");
  process.exit(2);
}
if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_WEBHOOK_SECRET.startsWith("whsec_")) {
  console.error("STRIPE_WEBHOOK_SECRET must start with whsec_");
  process.exit(2);
}

const standIn = await startStripeStandIn({
  port,
  host: env.STANDIN_HOST || "127.0.0.1",
  webhookUrl: env.STRIPE_WEBHOOK_URL || undefined,
  secretKey: env.STRIPE_SECRET_KEY || undefined,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
});
console.log(standIn.url);
console.log(`STRIPE_API_URL=${standIn.url} STRIPE_SECRET_KEY=${standIn.secretKey} STRIPE_WEBHOOK_SECRET=${standIn.webhookSecret}`);
console.log(`webhooks → ${env.STRIPE_WEBHOOK_URL || "(none: set STRIPE_WEBHOOK_URL)"}`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
