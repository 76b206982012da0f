import path from "node:path";
import type { PlaywrightTestConfig } from "@playwright/test";
import { WAITING_FOR_BUILD } from "./shared-build-launcher.ts";
import { E2E_DATA_DIR, launcherEnv, PAYMENT_STACKS, portsFrom, stackTarget, type PaymentStackName, type StackTarget } from "../stack-env.ts";

// The payments shops of the e2e run (issue 16): each a launcher of its own taking
// payments online through its own Stripe stand-in (tests/support/stripe-stand-in-main.ts),
// whose webhooks go to that shop. The keys are fixed test keys: the stand-in and the shop
// are told the same ones, as a shop owner copies them from Stripe's dashboard.

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];
type Pricing = { currency: string; locale: string; pricesIncludeTax: boolean; taxRateBasisPoints: number };

const PRICING: Record<PaymentStackName, Pricing> = {
  // A café in Austria: euro prices written the German way, 20 % VAT inside the menu prices.
  eur: { currency: "EUR", locale: "de-DE", pricesIncludeTax: true, taxRateBasisPoints: 2000 },
  // Whole yen, with 10 % tax added at checkout (the other way of pricing, covered here too).
  jpy: { currency: "JPY", locale: "ja-JP", pricesIncludeTax: false, taxRateBasisPoints: 1000 },
};

export type PaymentStack = StackTarget &
  Pricing & {
    name: PaymentStackName;
    standInUrl: string;
    standInPort: number;
    secretKey: string;
    webhookSecret: string;
    webhookUrl: string;
    launcherEnv: Record<string, string>;
  };

export function paymentStack(name: PaymentStackName): PaymentStack {
  const ports = portsFrom(PAYMENT_STACKS[name]);
  const target = stackTarget(ports, path.join(E2E_DATA_DIR, name));
  const standInPort = PAYMENT_STACKS[name] + 6;
  const standInUrl = `http://127.0.0.1:${standInPort}`;
  const secretKey = `sk_test_e2e_${name}_standin`;
  const webhookSecret = `whsec_e2e_${name}_standin`;
  const pricing = PRICING[name];
  return {
    ...target,
    ...pricing,
    name,
    standInUrl,
    standInPort,
    secretKey,
    webhookSecret,
    // The webhook goes to the shop's own web server, as Stripe's would reach it.
    webhookUrl: `http://127.0.0.1:${ports.web}/api/payments/stripe/webhook`,
    launcherEnv: {
      ...launcherEnv(ports, target.dataDir),
      STORE_CURRENCY: pricing.currency,
      STORE_LOCALE: pricing.locale,
      PAYMENTS: "stripe",
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: standInUrl,
    },
  };
}

export const PAYMENT_STACK_NAMES = Object.keys(PAYMENT_STACKS) as PaymentStackName[];

/** Written by the main shop's launcher once the one build every shop serves is ready (e2e/support/start-main-stack.ts). */
export const BUILD_READY_FILE = path.join(E2E_DATA_DIR, "build-ready");

/**
 * Playwright webServer entries for every payments shop: its stand-in, then its launcher,
 * which waits for the shared build and starts without building. Playwright starts its
 * webServers one after another, each once the one before answers: so a launcher entry is
 * done as soon as it says it is waiting (wait.stdout), and all shops start together; the
 * url still makes Playwright refuse a port something else already answers on, and
 * e2e/global-setup.ts waits until every shop answers before any spec runs.
 */
export function paymentsWebServers(): WebServer[] {
  return PAYMENT_STACK_NAMES.flatMap((name): WebServer[] => {
    const stack = paymentStack(name);
    return [
      {
        name: `stand-in ${name}`,
        command: "node --import tsx tests/support/stripe-stand-in-main.ts",
        url: `${stack.standInUrl}/__standin/sessions`,
        env: { STANDIN_PORT: String(stack.standInPort), STRIPE_WEBHOOK_URL: stack.webhookUrl, STRIPE_SECRET_KEY: stack.secretKey, STRIPE_WEBHOOK_SECRET: stack.webhookSecret },
        timeout: 30_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      },
      {
        name: `shop ${name}`,
        command: "node --import tsx e2e/support/start-payments-stack.ts",
        url: `${stack.baseUrl}/api/health`,
        wait: { stdout: new RegExp(WAITING_FOR_BUILD) },
        env: { ...stack.launcherEnv, BREWLINE_E2E_BUILD_READY: BUILD_READY_FILE },
        timeout: 60_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
      },
    ];
  });
}

// ---- what the specs ask a payments shop's stand-in and inbox ----------------------

export type StandInSession = { id: string; status: string; amount_total: number; currency: string; payment_intent: string | null; success_url: string; cancel_url: string | null };
export type StandInRefund = { id: string; paymentIntent: string; amount: number; idempotencyKey: string | null };

async function standIn<T>(stack: PaymentStack, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.standInUrl}/__standin/${route}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`stand-in ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const standInSession = async (stack: PaymentStack, id: string) => (await standIn<StandInSession[]>(stack, "sessions")).find((s) => s.id === id);
export const standInRefunds = (stack: PaymentStack) => standIn<StandInRefund[]>(stack, "refunds");
/** As when the checkout's time runs out: the session expires and checkout.session.expired is sent. */
export const expireCheckout = (stack: PaymentStack, sessionId: string) => standIn(stack, `expire/${sessionId}`, {});

export type MaildevEmail = { subject: string; to: { address: string }[]; text?: string };

export async function emailsOn(stack: PaymentStack, address: string): Promise<MaildevEmail[]> {
  const response = await fetch(stack.mailApi);
  if (!response.ok) throw new Error(`maildev: ${response.status}`);
  const all = (await response.json()) as MaildevEmail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The stand-in's hosted payment page of some checkout session. */
export const standInPayPage = (stack: PaymentStack) => new RegExp(`^${literal(stack.standInUrl)}/pay/cs_`);
/** The shop's status page of this order (a query string from the payment page allowed). */
export const statusPage = (stack: PaymentStack, publicToken: string) => new RegExp(`^${literal(stack.baseUrl)}/orders/${literal(publicToken)}([?#].*)?$`);
