import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMBEDDED_ONLY_ENV } from "../scripts/stack/embedded-only-env.ts";

// The shops the end-to-end tests run against: the real launcher on its own ports (so a
// developer's running shop is never touched) with a throwaway data folder. Playwright
// loads the config in the runner and again in each worker; the folder is made once and
// handed on through the environment, which the workers inherit.
//
// The main shop runs every spec but the payments ones; each payments shop (an EUR and a
// JPY store taking payments online through a Stripe stand-in) is one more launcher with
// its own ports and a data folder inside the main one.

export type StackPorts = { web: number; workerHealth: number; postgres: number; queue: number; smtp: number; mailWeb: number };

export const E2E_PORTS: StackPorts = { web: 13080, workerHealth: 13081, postgres: 55439, queue: 14576, smtp: 11035, mailWeb: 11090 };

/** The payments shops, by name: the folder name and the base of their port block. */
export const PAYMENT_STACKS = { eur: 13180, jpy: 13280 } as const;
export type PaymentStackName = keyof typeof PAYMENT_STACKS;

if (!process.env.BREWLINE_E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "brewline-e2e-"));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its folder.
  chmodSync(dir, 0o755);
  for (const name of Object.keys(PAYMENT_STACKS)) mkdirSync(path.join(dir, name), { mode: 0o755 });
  process.env.BREWLINE_E2E_DATA_DIR = dir;
  // Only the runner that made it removes it: it exits after the launchers have stopped.
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
export const E2E_DATA_DIR = process.env.BREWLINE_E2E_DATA_DIR;

/** Where one shop answers: its pages and API, its database, its mail inbox and its folder. */
export type StackTarget = { baseUrl: string; databaseUrl: string; mailApi: string; dataDir: string };

export function stackTarget(ports: StackPorts, dataDir: string): StackTarget {
  return {
    baseUrl: `http://localhost:${ports.web}`,
    // What the launcher's embedded PostgreSQL answers on (lib/embedded/postgres.ts).
    databaseUrl: `postgresql://postgres:brewline@127.0.0.1:${ports.postgres}/brewline`,
    mailApi: `http://127.0.0.1:${ports.mailWeb}/api/email`,
    dataDir,
  };
}

/** The main shop, where every spec but the payments ones runs. */
export const MAIN_STACK = stackTarget(E2E_PORTS, E2E_DATA_DIR);
const MAIN = MAIN_STACK;
export const E2E_BASE_URL = MAIN.baseUrl;
export const E2E_MAIL_API = MAIN.mailApi;
export const E2E_DATABASE_URL = MAIN.databaseUrl;

/**
 * Environment for a launcher: its own ports and folder, always the embedded stack.
 * PUBLIC_BASE_URL not set: the launcher then serves http://localhost:<port> and accepts
 * staff from this machine's other addresses too, as in a café
 * (e2e/staff-sign-in-lan.spec.ts).
 */
export function launcherEnv(ports: StackPorts, dataDir: string): Record<string, string> {
  return {
    BREWLINE_DATA_DIR: dataDir,
    BREWLINE_PORT: String(ports.web),
    PORT: String(ports.web),
    WORKER_HEALTH_PORT: String(ports.workerHealth),
    BREWLINE_PG_PORT: String(ports.postgres),
    BREWLINE_QUEUE_PORT: String(ports.queue),
    BREWLINE_SMTP_PORT: String(ports.smtp),
    BREWLINE_MAIL_WEB_PORT: String(ports.mailWeb),
    // Blank rather than left out: Playwright passes on the shell's environment, and a
    // PUBLIC_BASE_URL there would pin the address (the launcher treats blank as unset).
    PUBLIC_BASE_URL: "",
    ...EMBEDDED_ONLY_ENV,
    STORE_TIMEZONE: "UTC",
    LOG_LEVEL: "warn",
    // Every spec's customers come from this machine's one address; the per-address limits
    // are proven by tests/security.
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: "0",
  };
}

/**
 * The main shop's test clock (lib/clock.ts): a file holding an offset in ms that its web app
 * and worker add to real time, so a spec moves the shop on without waiting
 * (e2e/support/shop-clock.ts). The payments shops keep real time.
 */
export const MAIN_SHOP_CLOCK_FILE = path.join(E2E_DATA_DIR, "shop-clock-offset-ms");

/**
 * The local push service (tests/support/push-service-stand-in.ts) the main shop may push to:
 * an https server on 127.0.0.1 with a self-signed certificate, which the shop's processes
 * trust through NODE_EXTRA_CA_CERTS. Its VAPID keys are the launcher's, made in the data folder.
 */
const MAIN_SHOP_PUSH_ENV = {
  PUSH_ENDPOINT_HOSTS: "127.0.0.1,localhost",
  NODE_EXTRA_CA_CERTS: path.resolve(import.meta.dirname, "../tests/support/push-tls/cert.pem"),
};

export const e2eLauncherEnv = { ...launcherEnv(E2E_PORTS, E2E_DATA_DIR), BREWLINE_TEST_CLOCK_FILE: MAIN_SHOP_CLOCK_FILE, ...MAIN_SHOP_PUSH_ENV };

/** A contiguous block from `base`: web, worker health, PostgreSQL, queue, SMTP, mail inbox. */
export function portsFrom(base: number): StackPorts {
  return { web: base, workerHealth: base + 1, postgres: base + 2, queue: base + 3, smtp: base + 4, mailWeb: base + 5 };
}
