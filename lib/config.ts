import { isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";

// One validated view of the environment, shared by the web app, the worker and the
// scripts. Embedded mode (`npm start`) fills these in for its child processes; in
// production they come from the deployment (see .env.example).

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

const optionalSecret = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
);

/** A VAPID key: base64url of `bytes` bytes. */
const optionalVapidKey = (bytes: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().refine((v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, "base64url").length === bytes, message).optional(),
  );

/** The push services of Chrome/Android, Firefox, Safari/iOS and Edge/Windows. */
const DEFAULT_PUSH_ENDPOINT_HOSTS: readonly string[] = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "push.apple.com",
  "notify.windows.com",
];

/** PUSH_ENDPOINT_HOSTS as a list: comma-separated, lower case; unset or blank = the default push services. */
export function pushEndpointHostsOf(value: string | undefined): readonly string[] {
  const hosts = (value ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  return hosts.length > 0 ? hosts : DEFAULT_PUSH_ENDPOINT_HOSTS;
}

function defaultVapidSubject(publicBaseUrl: string, mailFrom: string): string {
  if (publicBaseUrl.startsWith("https://")) return new URL(publicBaseUrl).origin;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (postgresql://user:pass@host:5432/db)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
    AWS_REGION: z.string().min(1).default("us-east-1"),
    /** Set only for an SQS/SNS emulator; unset means real AWS. */
    AWS_ENDPOINT_URL: optionalUrl,
    ORDERS_QUEUE_URL: z.url({ error: "ORDERS_QUEUE_URL must be the URL of the orders FIFO queue" }),
    ORDERS_DLQ_URL: optionalUrl,
    NOTIFICATIONS_QUEUE_URL: z.url({ error: "NOTIFICATIONS_QUEUE_URL must be the URL of the notifications queue" }),
    NOTIFICATIONS_DLQ_URL: optionalUrl,
    ORDER_EVENTS_TOPIC_ARN: z
      .string({ error: "ORDER_EVENTS_TOPIC_ARN is required (arn:aws:sns:region:account:name)" })
      .startsWith("arn:", "ORDER_EVENTS_TOPIC_ARN must be an SNS topic ARN"),
    /** 'sns' sends real texts through SNS; 'inbox' records them in Postgres for the dev SMS inbox at /dev/sms (emulators); 'off' sends none. */
    SMS_MODE: z
      .enum(["sns", "inbox", "outbox", "off"])
      // Deprecated alias: 'outbox' was this mode's old name (it has nothing to do with the
      // transactional outbox, lib/outbox/). Still accepted so existing .env files keep working.
      .transform((mode) => (mode === "outbox" ? "inbox" : mode))
      .optional(),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default("Brewline <orders@brewline.local>"),
    MAIL_INBOX_URL: optionalUrl,
    STORE_NAME: z.string().min(1).default("Brewline Coffee"),
    STORE_TIMEZONE: z
      .string()
      .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "STORE_TIMEZONE must be an IANA time zone such as Europe/London"),
    /** ISO 4217 code of every price; amounts are kept in its minor units (cents; none for JPY). */
    STORE_CURRENCY: z
      .string()
      .trim()
      .default("USD")
      .transform((v) => v.toUpperCase())
      .refine((v) => /^[A-Z]{3}$/.test(v) && Intl.supportedValuesOf("currency").includes(v), "STORE_CURRENCY must be an ISO 4217 code such as USD, EUR or JPY"),
    /** BCP 47 locale prices and dates are written in, e.g. en-US, de-DE, ja-JP. */
    STORE_LOCALE: z
      .string()
      .trim()
      .default("en-US")
      .refine((v) => {
        try {
          return Intl.NumberFormat.supportedLocalesOf([v]).length === 1;
        } catch {
          return false;
        }
      }, "STORE_LOCALE must be a locale such as en-US, de-DE or ja-JP"),
    /** 'pay-at-pickup' (default: no account needed) or 'stripe' (hosted Stripe Checkout; needs the two STRIPE_ keys). */
    PAYMENTS: z.enum(["pay-at-pickup", "stripe"]).default("pay-at-pickup"),
    STRIPE_SECRET_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^(sk|rk)_(test|live)_/, "STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…)").optional()),
    STRIPE_WEBHOOK_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().startsWith("whsec_", "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…)").optional()),
    /** Set only for a local Stripe stand-in (the tests); unset means api.stripe.com. */
    STRIPE_API_URL: optionalUrl,
    /** Minutes a customer has to pay before the order expires (Stripe allows 30 to 1440). */
    CHECKOUT_EXPIRES_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
    /** A checkout still open this long is asked about at the provider by the worker (a lost webhook). */
    PAYMENT_RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(10).default(180),
    /** Country whose numbers customers may type without +country code (ISO 3166 alpha-2). */
    STORE_PHONE_REGION: z
      .string()
      .default("US")
      .transform((v) => v.toUpperCase())
      .refine((v) => isSupportedCountry(v), "STORE_PHONE_REGION must be a two-letter country code such as US or GB"),
    /** Orders one client (IP address and device) may place per minute and per hour; 0 = no limit. */
    ORDER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6),
    ORDER_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(30),
    // Orders from one address whatever the device id says (a body field must not reset
    // a limit). Many phones share a café's Wi-Fi address, so these are a rush's worth.
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(30),
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).default(300),
    /** Open live-update streams (status, menu, board) per client address and per web process. */
    STREAM_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(40),
    STREAM_LIMIT_PER_PROCESS: z.coerce.number().int().min(1).default(2000),
    /**
     * Countries whose mobile numbers may be given for texts (ISO 3166 alpha-2, comma
     * separated); default: STORE_PHONE_REGION only. Texts abroad cost more and invite abuse.
     */
    SMS_ALLOWED_COUNTRIES: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? v : undefined),
      z
        .string()
        .transform((v) => v.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean))
        .refine((list) => list.length > 0 && list.every((c) => isSupportedCountry(c)), "SMS_ALLOWED_COUNTRIES must list two-letter country codes such as US,CA")
        .optional(),
    ),
    /** Messages (texts and emails) one phone number or address may get per day; 0 = no limit. */
    NOTIFY_DAILY_LIMIT_PER_RECIPIENT: z.coerce.number().int().min(0).default(10),
    // Proxies in front of the web app that append to X-Forwarded-For (the client
    // address for rate limits is that many entries from the right).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
    PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
    // The web refuses an http:// PUBLIC_BASE_URL in production unless this is set: staff
    // passwords and session cookies would cross the network in clear. The launcher sets it
    // for a shop on its own Wi-Fi (no certificate there); a deployment must not.
    ALLOW_INSECURE_HTTP: z.preprocess((v) => (v === "" || v === undefined ? "false" : v), z.enum(["true", "false", "1", "0"])).transform((v) => v === "true" || v === "1"),
    // The launcher sets this when PUBLIC_BASE_URL was not given: staff devices on the
    // shop's Wi-Fi then sign in through this machine's own addresses (localhost,
    // 127.0.0.1, its LAN addresses, on the web's port) as well (lib/http/allowed-origins.ts).
    STAFF_ORIGINS_INCLUDE_LAN: z.preprocess((v) => (v === "" || v === undefined ? "false" : v), z.enum(["true", "false", "1", "0"])).transform((v) => v === "true" || v === "1"),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    // The worker's /health and /metrics listen on loopback only unless told otherwise
    // (then /metrics needs METRICS_TOKEN as a bearer token).
    WORKER_HEALTH_HOST: z.string().trim().min(1).default("127.0.0.1"),
    // Bearer token for the web's GET /api/metrics; unset = that endpoint is off (the
    // worker's internal port serves /metrics regardless).
    METRICS_TOKEN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    ),
    /** Outbox rows not sent after this many seconds are sent by the reconciler. */
    OUTBOX_RESEND_AFTER_SECONDS: z.coerce.number().positive().default(5),
    /** Sent rows not processed after this long are sent again (the queue may have lost them). */
    OUTBOX_REDELIVER_AFTER_SECONDS: z.coerce.number().positive().default(120),
    /** Local files of the embedded stack (uploaded menu pictures under menu-images/); relative to the working folder. */
    BREWLINE_DATA_DIR: z.string().trim().min(1).default(".data"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    // Signs the staff session cookies; every web instance needs the same one. AUTH_SECRET
    // is accepted too. The web app refuses to start in production without it (lib/auth/auth.ts;
    // the worker does not need it); the launcher keeps one in its data folder.
    BETTER_AUTH_SECRET: optionalSecret,
    AUTH_SECRET: optionalSecret,
    // Web Push (VAPID, RFC 8292): both keys or neither; without them the push channel is off.
    // The launcher keeps a generated pair in its data folder; a deployment passes its own.
    VAPID_PUBLIC_KEY: optionalVapidKey(65, "VAPID_PUBLIC_KEY must be a P-256 public key (65 bytes, base64url), e.g. from npx web-push generate-vapid-keys"),
    VAPID_PRIVATE_KEY: optionalVapidKey(32, "VAPID_PRIVATE_KEY must be a P-256 private key (32 bytes, base64url)"),
    /** Who push services may contact about this sender: mailto: or https: (default: PUBLIC_BASE_URL when https, else MAIL_FROM's address). */
    VAPID_SUBJECT: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^(mailto:|https:\/\/)/, "VAPID_SUBJECT must start with mailto: or https://").optional()),
    // The worker POSTs to a subscription's endpoint: only these push services' hosts (and
    // their subdomains) are accepted, so a made-up endpoint cannot aim it at the internal network.
    PUSH_ENDPOINT_HOSTS: z.string().optional().transform(pushEndpointHostsOf),
    /** SNS topic of inbound texts (two-way SMS); the dev SMS form publishes to it. Unset = no inbound texts locally. */
    INBOUND_SMS_TOPIC_ARN: z.preprocess((v) => (v === "" ? undefined : v), z.string().startsWith("arn:", "INBOUND_SMS_TOPIC_ARN must be an SNS topic ARN").optional()),
    /** How customers reach the shop, in the reply to HELP (e.g. "call 555-0100"); default: the shop's web address. */
    STORE_CONTACT: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(100).optional()),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({ code: "custom", path: ["VAPID_PRIVATE_KEY"], message: "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither" });
    }
    if (env.PAYMENTS !== "stripe") return;
    for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when PAYMENTS=stripe (README, "Take payments")` });
    }
  })
  .transform(({ AUTH_SECRET, ...env }) => ({
    ...env,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? AUTH_SECRET,
    SMS_MODE: env.SMS_MODE ?? (env.AWS_ENDPOINT_URL ? "inbox" : "sns"),
    SMS_ALLOWED_COUNTRIES: env.SMS_ALLOWED_COUNTRIES ?? [env.STORE_PHONE_REGION],
    VAPID_SUBJECT: env.VAPID_SUBJECT ?? defaultVapidSubject(env.PUBLIC_BASE_URL, env.MAIL_FROM),
  }));

export type Config = z.infer<typeof schema>;

/** Every variable the schema reads (README's Configuration table must list exactly these: lib/config-docs.test.ts). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.in.shape);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  return result.data;
}

let cached: Config | undefined;

/** Parsed on first use rather than at import, so `next build` needs no runtime env. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
