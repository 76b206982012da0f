import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Runs the real worker entry (`node --import tsx worker/main.ts`) as a child process,
// for tests of what only a process has: config errors, signals and exit codes.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type WorkerProcess = {
  child: ChildProcess;
  /** stdout + stderr so far, for assertions and for failure messages. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: repoRoot,
    env: { ...process.env, BREWLINE_SERVICE: "worker", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** GET /health once; null when nothing answers. */
export async function getHealth(port: number): Promise<{ status: number; body: Record<string, unknown> } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch {
    return null;
  }
}
