import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { ConfigError, getConfig, type Config } from "../config.ts";
import { getPrisma, type PrismaClient } from "../db/prisma.ts";
import { allowedOrigins } from "../http/allowed-origins.ts";
import { logger } from "../log.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordHasher } from "./passwords.ts";
import { staffPlugin } from "./staff-plugin.ts";

// Staff sign-in is better-auth: its sessions (a random token in the database, the
// cookie signed with the secret), its origin checks and its rate limiter. Only the
// password hash (argon2id), the staff fields and the kitchen PIN switch are ours.

const SESSION_SECONDS = 12 * 60 * 60;
const AUTH_BASE_PATH = "/api/auth";
/** Set by the auth route from X-Forwarded-For as TRUSTED_PROXY_HOPS says (lib/http/client-ip.ts). */
export const CLIENT_IP_HEADER = "x-brewline-client-ip";

let devSecret: string | undefined;

function secretOf(config: Config): string {
  if (config.BETTER_AUTH_SECRET) return config.BETTER_AUTH_SECRET;
  if (config.NODE_ENV === "production") {
    throw new ConfigError(["BETTER_AUTH_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -base64 32`)"]);
  }
  // Without the launcher (a bare `next dev`, a test): sessions last as long as the process.
  if (!devSecret) logger.warn("BETTER_AUTH_SECRET is not set; staff sessions end when this process stops");
  devSecret ??= randomBytes(32).toString("base64url");
  return devSecret;
}

export function createAuth(options: { prisma: PrismaClient; config: Config }) {
  const { prisma, config } = options;
  const baseURL = new URL(config.PUBLIC_BASE_URL).origin;
  return betterAuth({
    appName: "Brewline",
    baseURL,
    basePath: AUTH_BASE_PATH,
    secret: secretOf(config),
    // The same list our own staff routes check (lib/auth/require-staff.ts). A function,
    // which better-auth calls on each request: the machine's LAN address may change
    // while the shop runs (DHCP), and an array would be fixed at start.
    trustedOrigins: () => allowedOrigins(config),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Accounts come from the staff CLI (and the first start) only.
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: passwordHasher,
    },
    user: {
      additionalFields: {
        role: { type: ["barista", "manager"], required: false, defaultValue: "barista", input: false },
        mustChangePassword: { type: "boolean", required: false, defaultValue: true, input: false },
        pinHash: { type: "string", required: false, input: false, returned: false },
      },
    },
    session: {
      expiresIn: SESSION_SECONDS,
      // A shift-long session that is never extended: it ends 12 hours after sign-in.
      disableSessionRefresh: true,
      additionalFields: { pinSwitched: { type: "boolean", required: false, defaultValue: false, input: false } },
    },
    rateLimit: {
      enabled: true,
      // In Postgres, so every web instance counts the same attempts.
      storage: "database",
      modelName: "authRateLimit",
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    // What a staff member has no use for: accounts, emails and passwords change
    // through the staff CLI only (the one-time password change is the exception).
    disabledPaths: ["/sign-up/email", "/update-user", "/delete-user", "/change-email", "/set-password", "/request-password-reset", "/reset-password", "/send-verification-email", "/verify-email", "/list-accounts", "/unlink-account", "/link-social", "/sign-in/social"],
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      // better-auth skips its origin (CSRF) check under NODE_ENV=test; the tests must see it.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    plugins: [staffPlugin({ prisma }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { brewlineAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.brewlineAuth ??= createAuth({ prisma: getPrisma(), config: getConfig() });
  return globalForAuth.brewlineAuth;
}
