// Measures what a person waits for: from running `npm start` (or `npm run dev`) to the
// customer page answering 200, then from SIGTERM to everything stopped.
// Usage: node --import tsx scripts/time-to-serve.ts [start|dev] [-- --no-build]
// Uses the launcher's ports (BREWLINE_PORT etc. apply) and the normal data folder.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const [mode = "start", ...rest] = process.argv.slice(2).filter((a) => a !== "--");
const port = process.env.BREWLINE_PORT ?? process.env.PORT ?? "3000";
const url = `http://127.0.0.1:${port}/`;
const npmArgs = mode === "dev" ? ["run", "dev"] : ["start"];
if (rest.length > 0) npmArgs.push("--", ...rest);

const started = performance.now();
const child = spawn("npm", npmArgs, { stdio: ["ignore", "pipe", "inherit"], detached: true });
let gone = false;
child.once("exit", () => (gone = true));
let allStopped: () => void = () => {};
const stopped = new Promise<void>((resolve) => (allStopped = resolve));
createInterface({ input: child.stdout! }).on("line", (line) => {
  if (line.includes("[stack] all stopped")) allStopped();
});

let served = false;
while (!gone && performance.now() - started < 300_000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (res.ok) {
      served = true;
      break;
    }
  } catch {
    // Not up yet.
  }
  await new Promise((r) => setTimeout(r, 100));
}
const serveSeconds = (performance.now() - started) / 1000;
if (!served) {
  console.error(`npm ${npmArgs.join(" ")}: ${url} never answered 200 (${gone ? "the launcher exited" : "timed out"})`);
  if (!gone) process.kill(-child.pid!, "SIGTERM");
  process.exit(1);
}
// SIGTERM to the group, as a terminal or a supervisor would; npm exits at once, the
// launcher (in the same group) once it has stopped everything.
const stopping = performance.now();
process.kill(-child.pid!, "SIGTERM");
const done = await Promise.race([stopped.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
console.log(
  `npm ${npmArgs.join(" ")}: page served after ${serveSeconds.toFixed(1)} s; ` +
    (done ? `all stopped ${((performance.now() - stopping) / 1000).toFixed(1)} s after SIGTERM` : "not stopped 60 s after SIGTERM"),
);
process.exit(done ? 0 : 1);
