import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/embedded/free-port.ts";
import { embeddedDatabaseUrl } from "../../lib/embedded/postgres.ts";
import { spawnChild, type Child, type ExitInfo } from "../../scripts/stack/children.ts";
import { EMBEDDED_ONLY_ENV } from "../../scripts/stack/embedded-only-env.ts";
import { killOnExit } from "./kill-on-exit.ts";

// The real one-command launcher (`node --import tsx scripts/stack.ts start --no-build`)
// as a child of the test, on free ports with a throwaway data folder, its output kept
// so a test can read the pids it logs ("[stack] worker started (pid 1234)").

const root = path.resolve(import.meta.dirname, "../..");

type LauncherPorts = { web: number; workerHealth: number; postgres: number; queue: number; smtp: number; mailWeb: number };

export type Launcher = {
  child: Child;
  ports: LauncherPorts;
  /** http://127.0.0.1:<web port>, also the shop's PUBLIC_BASE_URL (staff requests carry it as Origin). */
  baseUrl: string;
  databaseUrl: string;
  queueEndpoint: string;
  mailApiUrl: string;
  /** Every line it printed so far, its children's ([web], [worker]) included. */
  lines: string[];
  /** The pid the launcher last logged for a child it started. */
  pidOf: (name: "web" | "worker") => number | undefined;
  /** Resolves with the first line matching `pattern` from line index `from` on. */
  waitForLine: (pattern: RegExp, options?: { from?: number; timeoutMs?: number }) => Promise<string>;
  /** SIGTERM, as Ctrl-C or a service manager would; resolves with its exit once it has stopped everything. */
  stop: () => Promise<ExitInfo>;
};

/** Every child the launcher started, by process group: SIGKILLed if the test process exits while the launcher still runs. */
const childGroups = new Set<number>();
const launchers = new Set<Child>();
process.on("exit", () => {
  if (![...launchers].some((l) => l.isRunning())) return;
  for (const pgid of childGroups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

export async function startLauncher(options: { distDir: string; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<Launcher> {
  const ports: LauncherPorts = {
    web: await freePort(),
    workerHealth: await freePort(),
    postgres: await freePort(),
    queue: await freePort(),
    smtp: await freePort(),
    mailWeb: await freePort(),
  };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "brewline-launcher-"));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its folder.
  chmodSync(dataDir, 0o755);
  const baseUrl = `http://127.0.0.1:${ports.web}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    // Vitest's NODE_ENV=test would reach the worker; the launcher picks production itself.
    NODE_ENV: undefined,
    ...EMBEDDED_ONLY_ENV,
    BREWLINE_DATA_DIR: dataDir,
    BREWLINE_NEXT_DIST_DIR: options.distDir,
    BREWLINE_PORT: String(ports.web),
    PORT: String(ports.web),
    WORKER_HEALTH_PORT: String(ports.workerHealth),
    BREWLINE_PG_PORT: String(ports.postgres),
    BREWLINE_QUEUE_PORT: String(ports.queue),
    BREWLINE_SMTP_PORT: String(ports.smtp),
    BREWLINE_MAIL_WEB_PORT: String(ports.mailWeb),
    PUBLIC_BASE_URL: baseUrl,
    STORE_TIMEZONE: "UTC",
    LOG_LEVEL: "warn",
    ...options.env,
  };

  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    lines.push(line);
    const started = /^\[stack\] (?:web|worker) started \(pid (\d+)\)/.exec(line);
    if (started) childGroups.add(Number(started[1]));
    for (const wake of waiters) wake();
  };
  const child = killOnExit(spawnChild("launcher", process.execPath, ["--import", "tsx", "scripts/stack.ts", "start", "--no-build"], { cwd: root, env, onLine }));
  launchers.add(child);
  void child.exited.then(() => {
    for (const wake of waiters) wake();
  });

  const tail = () => lines.slice(-40).join("\n");
  const waitForLine: Launcher["waitForLine"] = (pattern, { from = 0, timeoutMs = 30_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.slice(from).find((l) => pattern.test(l));
        if (found !== undefined || !child.isRunning() || Date.now() > deadline) {
          waiters.delete(check);
          clearTimeout(timer);
          if (found !== undefined) resolve(found);
          else reject(new Error(`${child.isRunning() ? `no line matching ${pattern} within ${timeoutMs} ms` : "the launcher exited"}; its last lines:\n${tail()}`));
        }
      };
      const deadline = Date.now() + timeoutMs;
      const timer = setTimeout(check, timeoutMs + 10);
      waiters.add(check);
      check();
    });

  const launcher: Launcher = {
    child,
    ports,
    baseUrl,
    databaseUrl: embeddedDatabaseUrl(ports.postgres),
    queueEndpoint: `http://127.0.0.1:${ports.queue}`,
    mailApiUrl: `http://127.0.0.1:${ports.mailWeb}/api/email`,
    lines,
    pidOf: (name) => {
      const pattern = new RegExp(`^\\[stack\\] ${name} started \\(pid (\\d+)\\)`);
      const line = lines.findLast((l) => pattern.test(l));
      return line ? Number(pattern.exec(line)![1]) : undefined;
    },
    waitForLine,
    stop: async () => {
      child.process.kill("SIGTERM");
      const info = await child.exited;
      rmSync(dataDir, { recursive: true, force: true });
      return info;
    },
  };
  try {
    await waitForLine(/^\[stack\] web and worker are up/, { timeoutMs: options.readyTimeoutMs ?? 90_000 });
  } catch (error) {
    await launcher.stop();
    throw error;
  }
  return launcher;
}
