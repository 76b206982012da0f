import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMBEDDED_ONLY_ENV } from "../scripts/stack/embedded-only-env.ts";

// The shop the end-to-end tests run against: the real launcher on its own ports (so a
// developer's running shop is never touched) with a throwaway data folder. Playwright
// loads the config in the runner and again in each worker; the folder is made once and
// handed on through the environment, which the workers inherit.

export const E2E_PORTS = { web: 13080, workerHealth: 13081, postgres: 55439, queue: 14576, smtp: 11035, mailWeb: 11090 };

if (!process.env.BREWLINE_E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "brewline-e2e-"));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its folder.
  chmodSync(dir, 0o755);
  process.env.BREWLINE_E2E_DATA_DIR = dir;
  // Only the runner that made it removes it: it exits after the launcher has stopped.
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
export const E2E_DATA_DIR = process.env.BREWLINE_E2E_DATA_DIR;

export const E2E_BASE_URL = `http://localhost:${E2E_PORTS.web}`;
export const E2E_MAIL_API = `http://127.0.0.1:${E2E_PORTS.mailWeb}/api/email`;
/** What the launcher's embedded PostgreSQL answers on (lib/embedded/postgres.ts). */
export const E2E_DATABASE_URL = `postgresql://postgres:brewline@127.0.0.1:${E2E_PORTS.postgres}/brewline`;

/**
 * Environment for the launcher: its own ports and folder, always the embedded stack.
 * PUBLIC_BASE_URL not set: the launcher then serves http://localhost:<port> (E2E_BASE_URL)
 * and accepts staff from this machine's other addresses too, as in a café
 * (e2e/staff-sign-in-lan.spec.ts).
 */
export const e2eLauncherEnv: Record<string, string> = {
  BREWLINE_DATA_DIR: E2E_DATA_DIR,
  BREWLINE_NEXT_DIST_DIR: ".next-e2e",
  BREWLINE_PORT: String(E2E_PORTS.web),
  PORT: String(E2E_PORTS.web),
  WORKER_HEALTH_PORT: String(E2E_PORTS.workerHealth),
  BREWLINE_PG_PORT: String(E2E_PORTS.postgres),
  BREWLINE_QUEUE_PORT: String(E2E_PORTS.queue),
  BREWLINE_SMTP_PORT: String(E2E_PORTS.smtp),
  BREWLINE_MAIL_WEB_PORT: String(E2E_PORTS.mailWeb),
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
