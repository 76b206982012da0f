import { spawn, type ChildProcess } from "node:child_process";
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
  /** SIGTERM to the group, then SIGKILL after timeoutMs; resolves once the child is gone. */
  stop: (timeoutMs: number) => Promise<ExitInfo>;
};

const COLORS = { web: 36, worker: 35, build: 33 } as Record<string, number>;

function prefixLines(stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream, label: string) {
  if (!stream) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on("line", (line) => out.write(`${label} ${line}\n`));
}

const ownGroup = process.platform !== "win32";

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (ownGroup && proc.pid) process.kill(-proc.pid, signal);
    else proc.kill(signal);
  } catch {
    // Already gone.
  }
}

export function spawnChild(name: string, command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Child {
  const proc = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: ownGroup });
  const color = COLORS[name];
  const label = process.stdout.isTTY && color ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  prefixLines(proc.stdout, process.stdout, label);
  prefixLines(proc.stderr, process.stderr, label);
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    proc.once("error", (error) => {
      process.stderr.write(`${label} could not start: ${error.message}\n`);
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
