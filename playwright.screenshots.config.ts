import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config.ts";

// `npm run screenshots`: the README's pictures (docs/screenshots/*.png), taken against the
// same launcher, ports and throwaway shop as the end-to-end tests. The specs in
// scripts/screenshots/ only stage a scene and write images; they assert nothing about the
// app, so `npm test` (playwright.config.ts, testDir e2e/) does not run them.
export default defineConfig({
  ...e2e,
  testDir: "scripts/screenshots",
  reporter: [["list"]],
  // The main shop only: the payments shops and their projects are the payments specs' own.
  projects: undefined,
  webServer: Array.isArray(e2e.webServer) ? e2e.webServer.slice(0, 1) : e2e.webServer,
  globalSetup: "./scripts/screenshots/global-setup.ts",
});
