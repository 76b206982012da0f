import type { Config } from "../config.ts";
import type { OnlinePaymentProvider } from "./payment-provider.ts";
import { createStripeProvider } from "./stripe-provider.ts";

/** How customers pay: at pickup (no provider, the embedded default) or online through one. */
export type Payments = { online: null } | { online: OnlinePaymentProvider };

let cached: { key: string; payments: Payments } | undefined;

/** The configured payments, one provider per process. */
export function paymentsOf(config: Pick<Config, "PAYMENTS" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_API_URL">): Payments {
  const key = [config.PAYMENTS, config.STRIPE_SECRET_KEY, config.STRIPE_WEBHOOK_SECRET, config.STRIPE_API_URL].join("|");
  if (cached?.key === key) return cached.payments;
  const payments: Payments =
    config.PAYMENTS === "stripe"
      ? {
          online: createStripeProvider({
            secretKey: config.STRIPE_SECRET_KEY!,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
            apiUrl: config.STRIPE_API_URL,
          }),
        }
      : { online: null };
  cached = { key, payments };
  return payments;
}
