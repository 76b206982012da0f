import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { startLauncherOnSharedBuild, WAITING_FOR_BUILD } from "./shared-build-launcher.ts";

// A payments shop's launcher for the e2e run (e2e/support/payments-stack.ts). It serves
// the build the main shop's launcher makes fresh (e2e/support/start-main-stack.ts): on 2
// CI cores a second and third `next build` would cost minutes. So it waits until that
// build is ready, not until the main shop answers, and starts alongside it.

const readyFile = process.env.BREWLINE_E2E_BUILD_READY;
if (!readyFile) {
  console.error("BREWLINE_E2E_BUILD_READY must name the file the main shop's launcher writes when the build is ready");
  process.exit(2);
}

await startLauncherOnSharedBuild(async () => {
  console.log(`[e2e] ${WAITING_FOR_BUILD}`);
  // A failed build stops the main shop's launcher, Playwright then ends the run and
  // stops this process (e2e/global-setup.ts bounds the wait for this shop to answer).
  while (!existsSync(readyFile)) await sleep(250);
});
