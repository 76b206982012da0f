import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// A production build (`next build`) that is reused while nothing it is built from has
// changed since, so test suites that serve the real build do not pay for it every run.
// The marker is written only after a successful build (a build that failed or was
// interrupted half-way leaves none and is redone) and dated when the build started, so a
// file edited while it ran still counts as newer.

const MARKER = "brewline-build-complete";

/** What `next build` reads: the app's code and assets, its config, the installed packages and .env files. */
const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "node_modules/.package-lock.json",
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
];
// Tests beside the code are not part of the build.
const isTestFile = (name: string) => /\.test\.tsx?$/.test(name);

function newestMtime(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) visit(path.join(p, entry));
    } else if (!isTestFile(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  for (const file of SOURCE_FILES) visit(path.join(root, file));
  return newest;
}

/** Whether `distDir` holds a complete build newer than every file it was built from. */
function buildIsFresh(root: string, distDir: string): boolean {
  const marker = statSync(path.join(root, distDir, MARKER), { throwIfNoEntry: false });
  return !!marker && existsSync(path.join(root, distDir, "BUILD_ID")) && marker.mtimeMs > newestMtime(root);
}

/** Runs `next build` into distDir unless a fresh build is there; resolves with what it did. */
export async function ensureFreshBuild(options: { root: string; distDir: string; log: (line: string) => void }): Promise<"reused" | "built"> {
  const { root, distDir, log } = options;
  if (buildIsFresh(root, distDir)) {
    log(`reusing the ${distDir} build (newer than the sources)`);
    return "reused";
  }
  rmSync(path.join(root, distDir, MARKER), { force: true });
  log(`next build into ${distDir} ...`);
  const started = performance.now();
  const startedAt = new Date();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  // Next sets NODE_ENV itself and warns about any other value (spawn drops undefined ones).
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined, BREWLINE_NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`next build into ${distDir} failed (exit ${code}):\n${output}`);
  const marker = path.join(root, distDir, MARKER);
  writeFileSync(marker, `${startedAt.toISOString()}\n`);
  utimesSync(marker, startedAt, startedAt);
  log(`next build finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return "built";
}
