import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Starts a shop's launcher (`scripts/stack.ts start`) on a production build it does not
// make itself: every e2e shop serves the build tests/security, tests/scale and the chaos
// launcher test already keep fresh (scripts/stack/fresh-build.ts), so a full `npm test`
// runs `next build` once, not once more for e2e. The build needs no runtime configuration
// (shop name, currency and ports are read when serving), which is why three differently
// configured shops could already share one. Playwright stops the whole process group; the
// launcher stops its own children, and the calling process exits with it.

export const root = path.resolve(import.meta.dirname, "../..");
/** The same folder as tests/security/security-stack.ts (SECURITY_DIST_DIR), without importing vitest. */
export const SHARED_DIST_DIR = process.env.SECURITY_DIST_DIR || ".next-scale";

/** What a payments shop's launcher prints as it starts waiting for the build (its Playwright webServer entry is then done). */
export const WAITING_FOR_BUILD = "waiting for the shared build";

/** Runs `ready`, then the launcher without building; exits when the launcher does. */
export async function startLauncherOnSharedBuild(ready: () => Promise<void>): Promise<void> {
  let launcher: ChildProcess | undefined;
  let stopped = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      stopped = true;
      if (!launcher) process.exit(0);
      // Passed on in case only this process was signalled (the launcher shrugs off a repeat).
      if (launcher.exitCode === null) launcher.kill(signal);
    });
  }
  await ready();
  if (!stopped) {
    launcher = spawn(process.execPath, ["--import", "tsx", "scripts/stack.ts", "start"], {
      cwd: root,
      env: { ...process.env, BREWLINE_SKIP_BUILD: "1", BREWLINE_NEXT_DIST_DIR: SHARED_DIST_DIR },
      stdio: "inherit",
    });
    launcher.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}
