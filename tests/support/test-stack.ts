import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseConfig, type Config } from "../../lib/config.ts";
import { applyMigrations } from "../../lib/db/schema-engine.ts";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma.ts";
import { freePort } from "../../lib/embedded/free-port.ts";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../lib/embedded/postgres.ts";
import { startEmbeddedQueueServer, type EmbeddedQueueServer } from "../../lib/embedded/queue-server.ts";
import { placeOrderInputSchemaFor } from "../../lib/orders/order-input.ts";
import { createTransport, type Transport } from "../../lib/queue/transport.ts";

// Real components for integration tests: a fresh embedded PostgreSQL (own temp data
// dir, own port) with migrations applied, and the SQS/SNS emulator with the app's
// queues provisioned. The queue server can be stopped and started again on the same
// port to simulate an outage (it comes back empty, like the emulator does).

export type TestStack = {
  config: Config;
  env: Record<string, string>;
  prisma: PrismaClient;
  transport: Transport;
  pg: EmbeddedPostgresHandle;
  stopQueueServer: () => Promise<void>;
  startQueueServer: () => Promise<void>;
  /** Postgres outage: stop, then start again on the same port and data dir (replaces `pg`). */
  stopPostgres: () => Promise<void>;
  startPostgres: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Where test customers' numbers may be: the tests' +44 7911 1xxxxx numbers are Guernsey
 * mobiles (Guernsey shares +44 but is its own country to libphonenumber and to SMS
 * pricing), the (415) 555 ones American.
 */
const TEST_SMS_COUNTRIES = ["US", "GB", "GG"];

/** The test stacks' VAPID key pair (tests only; a shop's launcher makes its own). */
export const TEST_VAPID_KEYS = {
  publicKey: "BLOd48CY6sZiH_xFLwgzG_Egunsh8gCLzD00wC67jze9VIKtOxqGBXh1-PviDLAczWR7tTYLTJTXkx4EZp5-HgY",
  privateKey: "ZXvtaGl-THZ4lQAegU1SHTykK2LcpRs_O5cEqga93q8",
};

/** The order schema of a test stack's web app (a US store), for tests that place orders directly. */
export const testOrderInputSchema = placeOrderInputSchemaFor({ region: "US", smsCountries: TEST_SMS_COUNTRIES });

export async function startTestStack(
  options: { seed?: (prisma: PrismaClient) => Promise<unknown>; /** Keep a new store's open-orders limit (tests/security). */ storeLimits?: boolean } = {},
): Promise<TestStack> {
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), "brewline-test-")), "pg");
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  await applyMigrations(pg.url);
  const queuePort = await freePort();
  let queue: EmbeddedQueueServer | undefined = await startEmbeddedQueueServer({ port: queuePort });

  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: pg.url,
    AWS_REGION: queue.region,
    AWS_ENDPOINT_URL: queue.endpoint,
    ...queue.resources,
    SMS_MODE: "inbox",
    SMS_ALLOWED_COUNTRIES: TEST_SMS_COUNTRIES.join(","),
    STORE_TIMEZONE: "UTC",
    LOG_LEVEL: "warn",
    // Tests place many orders from one client (no address); rate-limit.test.ts sets its own.
    ORDER_RATE_LIMIT_PER_MINUTE: "100000",
    ORDER_RATE_LIMIT_PER_HOUR: "100000",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "100000",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: "100000",
    // Staff sessions (tests/support/staff-session.ts): requests come from this origin.
    PUBLIC_BASE_URL: "http://localhost:3000",
    // Production web servers (tests/scale, tests/security) on plain http, like the launcher's.
    ALLOW_INSECURE_HTTP: "true",
    BETTER_AUTH_SECRET: "integration-tests-only-secret-0123456789abcdef",
    // Web Push on, to the local push service only (tests/support/push-service-stand-in.ts).
    VAPID_PUBLIC_KEY: TEST_VAPID_KEYS.publicKey,
    VAPID_PRIVATE_KEY: TEST_VAPID_KEYS.privateKey,
    VAPID_SUBJECT: "mailto:tests@brewline.local",
    PUSH_ENDPOINT_HOSTS: "127.0.0.1,localhost",
  };
  const config = parseConfig(env);
  const prisma = createPrismaClient(pg.url);
  const transport = createTransport(config);
  // Tests place many orders that nobody makes; the ones about the limit set their own.
  if (!options.storeLimits) await prisma.storeSettings.update({ where: { id: 1 }, data: { maxOpenOrders: null } });
  if (options.seed) await options.seed(prisma);

  const stack: TestStack = {
    config,
    env,
    prisma,
    transport,
    pg,
    stopQueueServer: async () => {
      await queue?.stop();
      queue = undefined;
    },
    startQueueServer: async () => {
      queue ??= await startEmbeddedQueueServer({ port: queuePort });
    },
    stopPostgres: () => stack.pg.stop(),
    // The unresolved dataDir: startEmbeddedPostgres maps it to the same place again.
    startPostgres: async () => {
      stack.pg = await startEmbeddedPostgres({ dataDir, port: stack.pg.port });
    },
    stop: async () => {
      transport.sqs.destroy();
      transport.sns.destroy();
      await prisma.$disconnect();
      await queue?.stop();
      await stack.pg.stop();
      // The cluster goes with the stack (~70 MB each: a run starts a hundred), wherever it was
      // kept: the folder made here, or beside it when PostgreSQL could not reach it as root.
      const folders = new Set([path.dirname(dataDir), path.dirname(stack.pg.dataDir)]);
      await Promise.all([...folders].map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
  return stack;
}
