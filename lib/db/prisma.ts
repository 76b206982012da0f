import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { getConfig } from "../config.ts";
import { errorInfo, logger } from "../log.ts";

// One client per process. Next.js dev reloads modules, so the instance lives on
// globalThis there to avoid opening a new pool on every edit.
const globalForPrisma = globalThis as unknown as { brewlinePrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Bounds for a database that is unreachable or a connection that died silently
    // (e.g. across a Postgres restart): a query or a connect fails and is retried
    // by its caller instead of holding a worker batch, and its messages, forever.
    connectionTimeoutMillis: 10_000,
    query_timeout: 30_000,
    keepAlive: true,
  });
  // A Postgres restart sends "terminating connection" to every connection. One that gets it
  // while checked out between queries (a transaction just begun) has no listener of the
  // pool's or the adapter's, and pg's 'error' event would crash the process. Its next query
  // fails instead, and the caller retries as for any database error.
  pool.on("connect", (client) => {
    client.on("error", (error) => logger.warn({ err: errorInfo(error) }, "database connection lost"));
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.brewlinePrisma ??= createPrismaClient(getConfig().DATABASE_URL);
  return globalForPrisma.brewlinePrisma;
}

export type { PrismaClient };
