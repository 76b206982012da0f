import { createRequire } from "node:module";
import path from "node:path";
import { freePort } from "../../lib/embedded/free-port.ts";
import { spawnChild, type Child } from "../../scripts/stack/children.ts";
import { WEB_NODE_FLAGS } from "../../scripts/stack/node-flags.ts";
import { waitForHttp } from "../../scripts/stack/wait-for.ts";
import { killOnExit } from "../support/kill-on-exit.ts";

// Several production web servers (`next start` on one build, as the launcher runs it)
// sharing one database and one set of queues, each on its own port.

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export type WebInstance = {
  name: string;
  port: number;
  child: Child;
  /** SIGKILL to the whole process group: no graceful shutdown, sockets reset mid-request. */
  kill: () => Promise<void>;
};

const running: Child[] = [];

/** `env` is added to this process's environment; an undefined value removes a variable. */
export async function startWebInstances(options: {
  count: number;
  distDir: string;
  env: Record<string, string | undefined>;
  /** Node flags after the launcher's (e.g. scripts/stack/peer-address.ts). */
  nodeFlags?: string[];
}): Promise<WebInstance[]> {
  return Promise.all(
    Array.from({ length: options.count }, async (_, i) => {
      const port = await freePort();
      const name = `web-${i + 1}`;
      const child = spawnChild(name, process.execPath, [...WEB_NODE_FLAGS, ...(options.nodeFlags ?? []), nextBin, "start", "-p", String(port)], {
        cwd: root,
        // Next sets NODE_ENV itself (production for `next start`) and warns about any other value;
        // the AWS SDK's Node 20 notice is switched off as the launcher does.
        env: {
          ...process.env,
          ...options.env,
          NODE_ENV: undefined,
          PORT: String(port),
          BREWLINE_NEXT_DIST_DIR: options.distDir,
          BREWLINE_SERVICE: name,
          NEXT_TELEMETRY_DISABLED: "1",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        },
      });
      running.push(killOnExit(child));
      await waitForHttp(`http://127.0.0.1:${port}/api/health`, { timeoutMs: 60_000, abort: child.exited });
      const kill = async () => {
        if (child.process.pid) process.kill(-child.process.pid, "SIGKILL");
        await child.exited;
      };
      return { name, port, child, kill };
    }),
  );
}

export async function stopWebInstances(): Promise<void> {
  await Promise.all(running.splice(0).map((c) => c.stop(10_000)));
}
