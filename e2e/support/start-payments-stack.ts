import { spawn } from "node:child_process";
import path from "node:path";
import { waitForHttp } from "../../scripts/stack/wait-for.ts";

// A payments shop's launcher for the e2e run (e2e/support/payments-stack.ts). Every shop
// serves the build the main shop's launcher makes: on 2 CI cores a second and third
// `next build` would cost minutes. So this waits until the main shop answers (its build is
// then done), and starts the launcher without building. Playwright stops the whole
// process group; the launcher stops its own children, and this exits with it.

const waitFor = process.env.BREWLINE_E2E_WAIT_FOR;
if (!waitFor) {
  console.error("BREWLINE_E2E_WAIT_FOR must name the main shop's health URL");
  process.exit(2);
}

let launcher: ReturnType<typeof spawn> | undefined;
let stopped = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopped = true;
    if (!launcher) process.exit(0);
    // Passed on in case only this process was signalled (the launcher shrugs off a repeat).
    if (launcher.exitCode === null) launcher.kill(signal);
  });
}

await waitForHttp(waitFor, { timeoutMs: 400_000, intervalMs: 1000 });
if (!stopped) {
  const root = path.resolve(import.meta.dirname, "../..");
  launcher = spawn(process.execPath, ["--import", "tsx", "scripts/stack.ts", "start"], {
    cwd: root,
    env: { ...process.env, BREWLINE_SKIP_BUILD: "1" },
    stdio: "inherit",
  });
  launcher.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
