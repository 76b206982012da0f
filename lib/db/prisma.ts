import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { getConfig } from "../config.ts";

// One client per process. Next.js dev reloads modules, so the instance lives on
// globalThis there to avoid opening a new pool on every edit.
const globalForPrisma = globalThis as unknown as { brewlinePrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max: 10,
      // Bounds for a database that is unreachable or a connection that died silently
      // (e.g. across a Postgres restart): a query or a connect fails and is retried
      // by its caller instead of holding a worker batch, and its messages, forever.
      connectionTimeoutMillis: 10_000,
      query_timeout: 30_000,
      keepAlive: true,
    }),
  });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.brewlinePrisma ??= createPrismaClient(getConfig().DATABASE_URL);
  return globalForPrisma.brewlinePrisma;
}

export type { PrismaClient };
