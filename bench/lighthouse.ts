import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { freePort } from "../lib/embedded/free-port.ts";
import { envWithoutNodeEnv, root, spawnNode, waitForHttp } from "./common.ts";
import { EMBEDDED_ONLY_ENV } from "../scripts/stack/embedded-only-env.ts";

// Lighthouse (mobile preset) against the customer's menu page of a real shop: the
// launcher (`npm start`) on free ports with a throwaway data folder and its own build
// folder, so neither a running shop nor the e2e build is touched.
//
//   npm run bench:lighthouse                 builds into .next-lighthouse, then measures
//   LIGHTHOUSE_SKIP_BUILD=1 npm run ...      reuses that build
//   LIGHTHOUSE_PATH=/orders/<token>          another page
//   CHROME_PATH=/usr/bin/chromium            the browser (default when it exists)
//   LIGHTHOUSE_REPORT=report.json            keep the full report

const require = createRequire(import.meta.url);
const lighthouseCli = path.join(path.dirname(require.resolve("lighthouse/package.json")), "cli", "index.js");
const DIST_DIR = ".next-lighthouse";
const log = (line: string) => console.log(`[lighthouse] ${line}`);

type Report = {
  categories: Record<string, { title: string; score: number | null }>;
  audits: Record<string, { title: string; displayValue?: string; numericValue?: number }>;
};

function runLighthouse(url: string, outFile: string): Promise<void> {
  const args = [
    lighthouseCli,
    url,
    "--output=json",
    `--output-path=${outFile}`,
    "--only-categories=performance,accessibility,best-practices",
    "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu",
    "--quiet",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" } });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`))));
  });
}

/**
 * The JavaScript a first visit downloads: every module script the page's HTML loads,
 * raw and gzipped. `next build` in Next.js 16 no longer prints a "First Load JS" column.
 */
async function firstLoadJs(url: string): Promise<{ scripts: number; rawKb: number; gzipKb: number }> {
  const html = await (await fetch(url)).text();
  // noModule scripts (the legacy polyfills) are skipped by every browser that runs modules.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = new Set(tags.flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1] ?? []));
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { scripts: sources.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "brewline-lighthouse-"));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const ports = {
    BREWLINE_PORT: port,
    PORT: port,
    WORKER_HEALTH_PORT: await freePort(),
    BREWLINE_PG_PORT: await freePort(),
    BREWLINE_QUEUE_PORT: await freePort(),
    BREWLINE_SMTP_PORT: await freePort(),
    BREWLINE_MAIL_WEB_PORT: await freePort(),
  };
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...envWithoutNodeEnv(),
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    BREWLINE_DATA_DIR: dataDir,
    BREWLINE_NEXT_DIST_DIR: DIST_DIR,
    BREWLINE_SKIP_BUILD: process.env.LIGHTHOUSE_SKIP_BUILD === "1" ? "1" : "",
    PUBLIC_BASE_URL: baseUrl,
    ...EMBEDDED_ONLY_ENV,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  log(`starting the shop on ${baseUrl} (build folder ${DIST_DIR}) ...`);
  const shop = spawnNode("launcher", ["--import", "tsx", "scripts/stack.ts", "start"], env);
  const outFile = path.join(dataDir, "report.json");
  try {
    await waitForHttp(`${baseUrl}/api/health`, shop, 600_000);
    const url = `${baseUrl}${process.env.LIGHTHOUSE_PATH ?? "/"}`;
    // One warm-up request so the first-render compile of the route is not measured.
    await fetch(url).then((r) => r.text());
    log(`measuring ${url} (mobile preset) ...`);
    await runLighthouse(url, outFile);
    if (process.env.LIGHTHOUSE_REPORT) copyFileSync(outFile, path.resolve(process.env.LIGHTHOUSE_REPORT));
    const report = JSON.parse(readFileSync(outFile, "utf8")) as Report;
    console.log("");
    for (const [id, category] of Object.entries(report.categories)) {
      console.log(`${category.title.padEnd(16)} ${category.score === null ? "n/a" : Math.round(category.score * 100)}  (${id})`);
    }
    const js = await firstLoadJs(url);
    console.log(`First-load JS    ${js.gzipKb.toFixed(1)} kB gzipped (${js.rawKb.toFixed(1)} kB raw, ${js.scripts} scripts)`);
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index", "total-byte-weight"]) {
      const audit = report.audits[id];
      if (audit) console.log(`  ${audit.title.padEnd(28)} ${audit.displayValue ?? ""}`);
    }
  } finally {
    await shop.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
