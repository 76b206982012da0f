import { WEB_NODE_FLAGS } from "../scripts/stack/node-flags.ts";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { PurgeQueueCommand, SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { parseConfig, type Config } from "../lib/config.ts";
import { createPrismaClient, type PrismaClient } from "../lib/db/prisma.ts";
import { freePort } from "../lib/embedded/free-port.ts";
import { createTransport, type Transport } from "../lib/queue/transport.ts";
import { envWithoutNodeEnv, root, sleep, spawnNode, waitForHttp, type BenchSettings, type Proc } from "./common.ts";

// The shop under test: the launcher's infrastructure in one child process, and the
// production build (`next start`) and worker processes started and stopped per part.

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
/** BENCH_DIST_DIR: another build folder, so two bench runs (e.g. two people profiling) do not overwrite one build. */
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";

/** BENCH_PROFILE_DIR=<dir>: CPU profiles of the infrastructure, web and worker processes (where the time goes). */
const profileArgs = () => (process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE_DIR] : []);

export type BenchStack = {
  env: Record<string, string>;
  config: Config;
  prisma: PrismaClient;
  transport: Transport;
  /** The first web process (the only one unless startWeb was given a count). */
  webUrl: string;
  /** Every web process startWeb started, in order. */
  webUrls: () => string[];
  /** Process-group ids of the running web processes (for /proc CPU and memory readings). */
  webPids: () => number[];
  /** `next start` processes on their own ports, sharing the database and queues (default 1). */
  startWeb: (count?: number) => Promise<void>;
  stopWeb: () => Promise<void>;
  startWorkers: (count: number) => Promise<void>;
  stopWorkers: () => Promise<void>;
  /** Empties orders, notifications, the dev SMS inbox and both queues. */
  reset: () => Promise<void>;
  /** Empties both queues (with no consumer running). */
  purgeQueues: () => Promise<void>;
  stop: () => Promise<void>;
};

/** `next build` into .next-bench unless BENCH_SKIP_BUILD=1 and a build is there. */
export function buildWeb(log: (line: string) => void): void {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    log(`using the existing ${DIST_DIR} build (BENCH_SKIP_BUILD=1)`);
    return;
  }
  log(`next build into ${DIST_DIR} ...`);
  const env: Record<string, string | undefined> = { ...envWithoutNodeEnv(), BREWLINE_NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  const out = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (out.status !== 0) throw new Error(`next build failed (status ${out.status})`);
}

export async function startBenchStack(settings: BenchSettings, log: (line: string) => void): Promise<BenchStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "brewline-bench-"));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its folder.
  chmodSync(dataDir, 0o755);
  const ports = {
    BREWLINE_PG_PORT: await freePort(),
    BREWLINE_QUEUE_PORT: await freePort(),
    BREWLINE_SMTP_PORT: await freePort(),
    BREWLINE_MAIL_WEB_PORT: await freePort(),
  };
  const web = await freePort();
  const clean: Record<string, string | undefined> = {
    ...envWithoutNodeEnv(),
    DATABASE_URL: "",
    AWS_ENDPOINT_URL: "",
    ORDERS_QUEUE_URL: "",
    SMTP_URL: "",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const infraProc = spawnNode("infra", [...profileArgs(), "--import", "tsx", "bench/infra-process.ts"], {
    ...clean,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    BREWLINE_DATA_DIR: dataDir,
  });
  const infraEnv = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`infrastructure did not start:\n${infraProc.output()}`)), 90_000);
    let buffer = "";
    infraProc.child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.startsWith("BENCH_INFRA "));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice("BENCH_INFRA ".length)) as Record<string, string>);
      }
    });
    void infraProc.exited.then((code) => reject(new Error(`infrastructure exited (${code}):\n${infraProc.output()}`)));
  });
  log(`infrastructure up (PostgreSQL ${ports.BREWLINE_PG_PORT}, SQS/SNS ${ports.BREWLINE_QUEUE_PORT}, data ${dataDir})`);

  const rateLimit = process.env.BENCH_RATE_LIMIT === "off" ? "0" : "1000000000";
  const env: Record<string, string> = {
    ...infraEnv,
    SMS_MODE: "inbox",
    STORE_TIMEZONE: "UTC",
    LOG_LEVEL: settings.logLevel,
    // All load comes from one address: limits this high keep the limiter's statement
    // in the measured path without refusing the load. BENCH_RATE_LIMIT=off measures
    // the order path without it.
    ORDER_RATE_LIMIT_PER_MINUTE: rateLimit,
    ORDER_RATE_LIMIT_PER_HOUR: rateLimit,
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: rateLimit,
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: rateLimit,
    // The pipeline's orders all give one phone and one address: a cap this high keeps
    // the notifier's per-recipient check in the path without skipping the messages.
    NOTIFY_DAILY_LIMIT_PER_RECIPIENT: "1000000000",
    // The fan-out part holds thousands of streams from this one address.
    STREAM_LIMIT_PER_ADDRESS: "1000000",
    STREAM_LIMIT_PER_PROCESS: "1000000",
    // Staff sessions (the fan-out part's kitchen streams) must be valid on every web process.
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    PUBLIC_BASE_URL: `http://localhost:${web}`,
    ALLOW_INSECURE_HTTP: "true",
  };
  const config = parseConfig({ ...env, NODE_ENV: "production" });
  const prisma = createPrismaClient(config.DATABASE_URL);
  // Thousands of orders that nobody makes: a new store's open-orders limit would refuse them.
  await prisma.storeSettings.update({ where: { id: 1 }, data: { maxOpenOrders: null } });
  const transport = createTransport(config);
  const webUrl = `http://127.0.0.1:${web}`;
  let webProcs: { proc: Proc; url: string }[] = [];
  let workers: Proc[] = [];

  const stack: BenchStack = {
    env,
    config,
    prisma,
    transport,
    webUrl,
    webUrls: () => webProcs.map((w) => w.url),
    webPids: () => webProcs.flatMap((w) => (w.proc.child.pid ? [w.proc.child.pid] : [])),
    async startWeb(count = 1) {
      // The first keeps the port PUBLIC_BASE_URL names; the others get free ones.
      const ports = [web, ...(await Promise.all(Array.from({ length: count - 1 }, () => freePort())))];
      webProcs = ports.map((port, i) => ({
        url: `http://127.0.0.1:${port}`,
        proc: spawnNode(`web ${i + 1}`, [...profileArgs(), ...WEB_NODE_FLAGS, nextBin, "start", "-p", String(port)], {
          ...clean,
          ...env,
          BREWLINE_NEXT_DIST_DIR: DIST_DIR,
          BREWLINE_SERVICE: i === 0 ? "web" : `web-${i + 1}`,
          NEXT_TELEMETRY_DISABLED: "1",
        }),
      }));
      await Promise.all(webProcs.map((w) => waitForHttp(`${w.url}/api/health`, w.proc)));
    },
    async stopWeb() {
      await Promise.all(webProcs.map((w) => w.proc.stop()));
      webProcs = [];
    },
    async startWorkers(count) {
      // Started together, so none drains the queue while another is still booting.
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const healthPort = await freePort();
          const proc = spawnNode(`worker ${i + 1}`, [...profileArgs(), "--import", "tsx", "worker/main.ts"], {
            ...clean,
            ...env,
            NODE_ENV: "production",
            BREWLINE_SERVICE: "worker",
            WORKER_HEALTH_PORT: String(healthPort),
          });
          workers.push(proc);
          await waitForHttp(`http://127.0.0.1:${healthPort}/health`, proc);
        }),
      );
    },
    async stopWorkers() {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
    },
    async reset() {
      await prisma.$executeRawUnsafe(`TRUNCATE "Order", "DevSmsMessage", "WorkerHeartbeat" CASCADE`);
      await stack.purgeQueues();
    },
    async purgeQueues() {
      for (const url of [config.ORDERS_QUEUE_URL, config.NOTIFICATIONS_QUEUE_URL]) {
        // A stopped consumer's aborted long poll is still waiting in the emulator (as it
        // can on SQS): it would take the first messages sent and hide them for the
        // visibility timeout (30 s). Feed such orphaned polls dummies, then purge.
        await Promise.all(
          Array.from({ length: 10 }, (_, b) =>
            transport.sqs.send(
              new SendMessageBatchCommand({
                QueueUrl: url,
                Entries: Array.from({ length: 10 }, (_, i) => ({
                  Id: String(i),
                  MessageBody: "{}",
                  ...(url.endsWith(".fifo") ? { MessageGroupId: `flush-${b}-${i}`, MessageDeduplicationId: randomUUID() } : {}),
                })),
              }),
            ),
          ),
        );
        await sleep(200);
        await transport.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
      }
      await sleep(100);
    },
    async stop() {
      await stack.stopWorkers();
      await stack.stopWeb();
      transport.sqs.destroy();
      transport.sns.destroy();
      await prisma.$disconnect();
      await infraProc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
