import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

// The web server and the worker run as separate OS processes, as in production. Each
// gets its own process group: `next dev`/`next start` and `tsx watch` run the real server
// in a grandchild, and signalling the group reaches it even after its parent died, so
// nothing is left holding a port. A terminal's Ctrl-C reaches only the launcher, which
// stops the children in order before the servers they depend on.

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export type Child = {
  name: string;
  process: ChildProcess;
  exited: Promise<ExitInfo>;
  isRunning: () => boolean;
  /** When it was spawned (Date.now()). */
  startedAt: number;
  /** SIGTERM to the group, then SIGKILL after timeoutMs; resolves once the child is gone. */
  stop: (timeoutMs: number) => Promise<ExitInfo>;
  /**
   * SIGKILL to the group, for what a dead child left behind (`next start`'s server
   * process holds the port); resolves once none of the group runs, or after timeoutMs.
   */
  killGroup: (timeoutMs: number) => Promise<void>;
};

const COLORS = { web: 36, worker: 35, build: 33 } as Record<string, number>;

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void) {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", onLine);
}

const ownGroup = process.platform !== "win32";

/** Whether any process of the group is still alive; zombies (dead, not yet reaped) hold no ports and do not count. */
export function groupAlive(pgid: number): boolean {
  if (process.platform === "linux") {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // After the command name (which may hold spaces and parentheses): state ppid pgrp ...
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pgrp) === pgid && state !== "Z") return true;
      } catch {
        // The process ended while we looked.
      }
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (ownGroup && proc.pid) process.kill(-proc.pid, signal);
    else proc.kill(signal);
  } catch {
    // Already gone.
  }
}

export function spawnChild(
  name: string,
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: Record<string, string | undefined>;
    /** Where its output goes, line by line; default: this process's stdout/stderr, prefixed with [name]. */
    onLine?: (line: string, stream: "stdout" | "stderr") => void;
  },
): Child {
  const startedAt = Date.now();
  const proc = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: ownGroup });
  const color = COLORS[name];
  const label = process.stdout.isTTY && color ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  const onLine = options.onLine ?? ((line, stream) => (stream === "stdout" ? process.stdout : process.stderr).write(`${label} ${line}\n`));
  forEachLine(proc.stdout, (line) => onLine(line, "stdout"));
  forEachLine(proc.stderr, (line) => onLine(line, "stderr"));
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    proc.once("error", (error) => {
      onLine(`could not start: ${error.message}`, "stderr");
      running = false;
      resolve({ code: 127, signal: null });
    });
    proc.once("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  return {
    name,
    process: proc,
    exited,
    isRunning: () => running,
    startedAt,
    killGroup: async (timeoutMs) => {
      signalGroup(proc, "SIGKILL");
      if (!ownGroup || !proc.pid) return;
      const deadline = Date.now() + timeoutMs;
      while (groupAlive(proc.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
    stop: async (timeoutMs) => {
      // Even after the child itself has exited, what it started may still be running.
      signalGroup(proc, "SIGTERM");
      const timer = setTimeout(() => {
        if (!running) return;
        process.stderr.write(`[stack] ${name} did not exit within ${timeoutMs / 1000}s of SIGTERM; killing it\n`);
        signalGroup(proc, "SIGKILL");
      }, timeoutMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

export const describeExit = ({ code, signal }: ExitInfo) => (signal ? `signal ${signal}` : `exit code ${code}`);
