import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// "Is the shop running?" for the commands that must not run under it (restore). The
// launcher writes <dataDir>/brewline.pid at start and removes it at stop; a launcher that
// was killed leaves it behind, so a file counts only while its process is alive — and,
// where /proc tells, is still the same program (after a reboot the pid may be another's).

type RunningLock = { pid: number; startedAt: string; ports: Record<string, number>; cmdline?: string };
export type RunningShop = { pid: number; what: "launcher" | "postgres"; file: string; ports?: Record<string, number> };

export const runningLockPath = (dataDir: string) => path.join(dataDir, "brewline.pid");

function cmdlineOf(pid: number | "self"): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (PostgreSQL runs as 'postgres' when we are root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function writeRunningLock(options: { dataDir: string; ports: Record<string, number>; pid?: number; now?: Date }): string {
  const pid = options.pid ?? process.pid;
  const lock: RunningLock = { pid, startedAt: (options.now ?? new Date()).toISOString(), ports: options.ports, cmdline: cmdlineOf(pid === process.pid ? "self" : pid) };
  const file = runningLockPath(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(lock)}\n`);
  return file;
}

/** Removes the lock if it is this process's (synchronous: also for an exit handler). */
export function removeRunningLock(options: { dataDir: string; pid?: number }): void {
  const file = runningLockPath(options.dataDir);
  const lock = readLock(file);
  if (lock && lock.pid === (options.pid ?? process.pid)) rmSync(file, { force: true });
}

function readLock(file: string): RunningLock | undefined {
  try {
    const lock = JSON.parse(readFileSync(file, "utf8")) as RunningLock;
    return Number.isInteger(lock.pid) ? lock : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The launcher's lock if its process still runs, else the embedded PostgreSQL's own
 * postmaster.pid if that server runs (a shop whose launcher was killed leaves it running).
 */
export function findRunningShop(options: { dataDir: string; postgresDataDir?: string }): RunningShop | undefined {
  const file = runningLockPath(options.dataDir);
  const lock = existsSync(file) ? readLock(file) : undefined;
  if (lock && isProcessAlive(lock.pid)) {
    const now = lock.cmdline === undefined ? undefined : cmdlineOf(lock.pid);
    if (now === undefined || now === lock.cmdline) return { pid: lock.pid, what: "launcher", file, ports: lock.ports };
  }
  if (options.postgresDataDir) {
    const postmaster = path.join(options.postgresDataDir, "postmaster.pid");
    try {
      const pid = Number(readFileSync(postmaster, "utf8").split("\n")[0]);
      if (isProcessAlive(pid)) return { pid, what: "postgres", file: postmaster };
    } catch {
      // No server.
    }
  }
  return undefined;
}

/** What to tell a person who wants to restore while the shop runs. */
export function shopRunningMessage(shop: RunningShop): string {
  if (shop.what === "postgres") {
    return `Brewline's database is in use (PostgreSQL, pid ${shop.pid}): stop the shop first (Ctrl-C in its terminal, \`systemctl stop brewline\` if it runs as a service), or if only the database is left running: kill ${shop.pid}`;
  }
  return `Brewline is running (pid ${shop.pid}): stop it first — Ctrl-C in its terminal, \`systemctl stop brewline\` if it runs as a service, or kill ${shop.pid} — then try again. (If it is not running, delete ${shop.file}.)`;
}
