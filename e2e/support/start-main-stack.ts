import { writeFileSync } from "node:fs";
import { ensureFreshBuild } from "../../scripts/stack/fresh-build.ts";
import { root, SHARED_DIST_DIR, startLauncherOnSharedBuild } from "./shared-build-launcher.ts";

// The main e2e shop's launcher: makes sure the shared production build is fresh (reused
// when nothing it is built from changed, built otherwise), tells the payments shops'
// launchers they may start (BREWLINE_E2E_BUILD_READY), then starts its own.

const readyFile = process.env.BREWLINE_E2E_BUILD_READY;
if (!readyFile) {
  console.error("BREWLINE_E2E_BUILD_READY must name the file that tells the payments shops the build is ready");
  process.exit(2);
}

await startLauncherOnSharedBuild(async () => {
  await ensureFreshBuild({ root, distDir: SHARED_DIST_DIR, log: (line) => console.log(`[e2e] ${line}`) });
  writeFileSync(readyFile, `${SHARED_DIST_DIR}\n`);
});
