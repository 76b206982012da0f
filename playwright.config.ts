import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, e2eLauncherEnv } from "./e2e/stack-env.ts";
import { chromiumLaunchOptions } from "./scripts/test-setup/chromium.ts";
import { BUILD_READY_FILE, paymentStack, paymentsWebServers } from "./e2e/support/payments-stack.ts";

// End-to-end tests drive a real browser against the real launcher (`npm start`): the
// production build the other suites share, embedded PostgreSQL, the SQS/SNS emulator,
// maildev, the web app and the worker as separate processes. The payments specs run
// against two more shops (EUR and JPY, paid online through a Stripe stand-in;
// e2e/support/payments-stack.ts).


const PAYMENTS_SPECS = /payments(-[a-z]+)?\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  // Runs after the launchers (webServer) are up.
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
    // Debian's Chromium when it is installed, otherwise Playwright's own build; `npm test`
    // gets one first (scripts/test-setup.ts).
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: "shop", testIgnore: PAYMENTS_SPECS },
    { name: "payments-eur", testMatch: /payments\.spec\.ts$/, use: { baseURL: paymentStack("eur").baseUrl } },
    { name: "payments-jpy", testMatch: /payments-jpy\.spec\.ts$/, use: { baseURL: paymentStack("jpy").baseUrl } },
  ],
  // Playwright starts these one after another, each once the one before is up. The
  // payments shops' entries are done at once (they wait for the build themselves), so
  // all three shops start together on the one build the main shop's entry makes fresh
  // (e2e/support/start-main-stack.ts); e2e/global-setup.ts waits for every shop.
  webServer: [
    ...paymentsWebServers(),
    {
      name: "shop",
      command: "node --import tsx e2e/support/start-main-stack.ts",
      url: `${E2E_BASE_URL}/api/health`,
      env: { ...e2eLauncherEnv, BREWLINE_E2E_BUILD_READY: BUILD_READY_FILE },
      // A build when the shared one is stale, then the launcher.
      timeout: 420_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      // The launcher stops the web app and the worker, then its servers (bounded); only
      // after that may Playwright kill what is left.
      gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    },
  ],
});
