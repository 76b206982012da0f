import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, e2eLauncherEnv } from "./e2e/stack-env.ts";

// End-to-end tests drive a real browser against the real launcher (`npm start`): a
// production build, embedded PostgreSQL, the SQS/SNS emulator, maildev, the web app
// and the worker as separate processes.

// Debian's Chromium when it is installed (.ci/run installs it); otherwise Playwright's
// own build (`npx playwright install chromium`).
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Runs after the launcher (webServer) is up.
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: existsSync(systemChromium)
      ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] }
      : { args: ["--no-sandbox"] },
  },
  webServer: {
    command: "node --import tsx scripts/stack.ts start",
    url: `${E2E_BASE_URL}/api/health`,
    env: e2eLauncherEnv,
    // The launcher builds the app first.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // The launcher stops the web app and the worker, then its servers (bounded); only
    // after that may Playwright kill what is left.
    gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
  },
});
