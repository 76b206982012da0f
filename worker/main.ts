import { ConfigError, getConfig, type Config } from "../lib/config.ts";
import { createPrismaClient } from "../lib/db/prisma.ts";
import { errorInfo, logger } from "../lib/log.ts";
import { createTransport } from "../lib/queue/transport.ts";
import { startWorker } from "./start-worker.ts";

// The barista worker process: `node --import tsx worker/main.ts`. Everything it runs is
// wired in start-worker.ts; this file only adds the process concerns (config errors,
// signals, exit codes).

const STOP_TIMEOUT_MS = 10_000;

let config: Config;
try {
  config = getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`brewline worker: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const prisma = createPrismaClient(config.DATABASE_URL);
const transport = createTransport(config);

try {
  const worker = await startWorker({ config, prisma, transport });
  let signalled = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "stopping worker");
    // Backstop in case closing a client hangs: the bound is a promise to the orchestrator.
    setTimeout(() => {
      logger.error("worker did not stop in time; exiting");
      process.exit(1);
    }, STOP_TIMEOUT_MS + 5000).unref();
    await worker.stop({ timeoutMs: STOP_TIMEOUT_MS });
    transport.sqs.destroy();
    transport.sns.destroy();
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", (s) => void shutdown(s));
  process.on("SIGINT", (s) => void shutdown(s));
} catch (error) {
  logger.error({ err: errorInfo(error) }, "worker failed to start");
  console.error(`brewline worker failed to start: ${errorInfo(error).message}`);
  process.exit(1);
}
