import { existsSync } from "node:fs";
import path from "node:path";
import { embeddedDatabaseUrl, resolveDataDir, startEmbeddedPostgres } from "../embedded/postgres.ts";

// The database `npm run backup` and `npm run restore` work on: DATABASE_URL when given;
// else the embedded one — through the running shop's server, or a server started here
// (on the shop's port, so the shop cannot start against it meanwhile) and stopped after.

export type ShopDatabase =
  | { kind: "external"; url: string }
  | { kind: "embedded"; /** <dataDir>/postgres, before resolveDataDir. */ dataDir: string; port: number; running: boolean };

/** Where the embedded server really keeps its files (under the temp folder when run as root). */
export const embeddedPostgresDir = (dataDir: string) => resolveDataDir(path.join(dataDir, "postgres")).dir;

export async function withShopDatabase<T>(options: { database: ShopDatabase; /** Refuse to make a new, empty database. */ mustExist: boolean; log: (line: string) => void }, fn: (url: string) => Promise<T>): Promise<T> {
  const db = options.database;
  if (db.kind === "external") return fn(db.url);
  if (db.running) return fn(embeddedDatabaseUrl(db.port));
  if (options.mustExist && !existsSync(path.join(resolveDataDir(db.dataDir).dir, "PG_VERSION"))) {
    throw new Error(`there is no database in ${resolveDataDir(db.dataDir).dir} yet: nothing to back up`);
  }
  options.log(`starting the embedded PostgreSQL (port ${db.port}) for this`);
  const pg = await startEmbeddedPostgres({ dataDir: db.dataDir, port: db.port, log: options.log });
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}
