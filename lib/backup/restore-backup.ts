import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations, readMigrationList } from "../db/schema-engine.ts";
import { BackupFileError, quoteIdent, type BackupHeader } from "./backup-format.ts";
import { createBackup } from "./create-backup.ts";
import { readBackup, verifyBackup } from "./read-backup.ts";

// Puts a backup (lib/backup/create-backup.ts) back, replacing everything in the database:
//  1. read the whole file (structure, row counts) and check its migrations are known here;
//  2. back up the current database first, so a restore by mistake loses nothing;
//  3. drop and recreate schema public, apply exactly the backup's migrations;
//  4. load every row in one transaction with triggers off (no audit rows, no NOTIFYs,
//     no foreign-key order to respect), set the sequences, compare the counts;
//  5. apply the migrations newer than the backup, as an upgrade would.

export type RestoreResult = {
  header: BackupHeader;
  rows: Record<string, number>;
  /** The database as it was before, or undefined when it held no Brewline schema. */
  safetyBackup?: string;
  migrationsAfter: string[];
};

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

type Log = (line: string) => void;

async function inspect(client: pg.Client): Promise<{ superuser: boolean; tables: number; brewline: boolean; schemaOwner: string }> {
  const { rows } = await client.query<{ superuser: boolean; tables: number; brewline: boolean; owner: string | null }>(`
    SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r') AS tables,
           to_regclass('public._prisma_migrations') IS NOT NULL AS brewline,
           (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') AS owner`);
  const row = rows[0]!;
  return { superuser: row.superuser, tables: row.tables, brewline: row.brewline, schemaOwner: row.owner ?? "CURRENT_USER" };
}

/** The tables and columns the backup's migrations made must take every row of the file. */
async function checkSchemaMatches(client: pg.Client, header: BackupHeader): Promise<void> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname::text AS name,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`);
  const made = new Map(rows.map((r) => [r.name, new Set(r.columns)]));
  const expected = new Set([...header.tables.map((t) => t.name), ...header.excludedTables.filter((t) => t !== "_prisma_migrations")]);
  const problems = [
    ...header.tables.flatMap((t) => {
      const columns = made.get(t.name);
      if (!columns) return [`table ${t.name} is missing`];
      return t.columns.filter((c) => !columns.has(c)).map((c) => `column ${t.name}.${c} is missing`);
    }),
    ...[...made.keys()].filter((name) => !expected.has(name)).map((name) => `table ${name} is not in the backup`),
  ];
  if (problems.length > 0) throw new Error(`the backup does not match what its migrations create (${problems.slice(0, 3).join("; ")}); was a migration changed after it was applied?`);
}

async function loadRows(client: pg.Client, file: string, header: BackupHeader): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  await client.query("BEGIN");
  try {
    // Replica mode: no trigger fires (audit rows, NOTIFYs, foreign-key checks), so the rows
    // go back exactly as they were, in any table order.
    await client.query("SET LOCAL session_replication_role = replica");
    // Rows that migrations insert (the store's settings row) give way to the backup's.
    const all = [...header.tables.map((t) => t.name), ...header.excludedTables.filter((t) => t !== "_prisma_migrations")];
    if (all.length > 0) await client.query(`TRUNCATE ${all.map((t) => `public.${quoteIdent(t)}`).join(", ")}`);
    const events = readBackup(file);
    try {
      for (let next = await events.next(); !next.done; next = await events.next()) {
        const table = next.value;
        if (table.type !== "table") continue;
        let inFile = -1;
        // This table's rows, up to its end marker, as one stream into COPY.
        async function* tableRows(): AsyncGenerator<Buffer> {
          for (let event = await events.next(); !event.done; event = await events.next()) {
            if (event.value.type === "rows") yield event.value.data;
            if (event.value.type === "tableEnd") {
              inFile = event.value.rows;
              return;
            }
          }
        }
        const copy = client.query(copyFrom(`COPY public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
        await pipeline(tableRows, copy);
        if (copy.rowCount !== inFile) throw new Error(`table ${table.name}: loaded ${copy.rowCount} rows of ${inFile}`);
        loaded[table.name] = copy.rowCount;
      }
    } finally {
      await events.return(undefined);
    }
    for (const table of header.tables) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.${quoteIdent(table.name)}`);
      if (rows[0]!.n !== loaded[table.name]) throw new Error(`table ${table.name} holds ${rows[0]!.n} rows after loading ${loaded[table.name]}`);
    }
    // Ticket numbers come from a sequence per business day, made on first use
    // (brewline_next_ticket): those are not made by any migration.
    for (const seq of header.sequences) {
      const name = `public.${quoteIdent(seq.name)}`;
      await client.query(
        `CREATE SEQUENCE IF NOT EXISTS ${name} AS ${seq.dataType} INCREMENT BY ${seq.increment} MINVALUE ${seq.min} MAXVALUE ${seq.max} START WITH ${seq.start} ${seq.cycle ? "CYCLE" : "NO CYCLE"}`,
      );
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [name, seq.lastValue, seq.isCalled]);
    }
    await client.query("COMMIT");
    return loaded;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Replaces the database at `databaseUrl` with the backup in `file`. Everything that can
 * be checked is checked before anything is changed; the current contents are backed up
 * to `safetyDir` first. Needs a superuser (the embedded database's user is one).
 */
export async function restoreBackup(options: { databaseUrl: string; file: string; safetyDir: string; log?: Log }): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const { header, trailer } = await verifyBackup(options.file);
  const known = new Set((await readMigrationList()).migrationDirectories.map((d) => d.path));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupFileError("newer-format", `${options.file} comes from a newer Brewline (migration ${unknown[0]} is not known here); upgrade Brewline first, then restore it`);
  }
  log(`backup of ${header.createdAt}: ${header.tables.length} tables, ${Object.values(trailer.rows).reduce((a, b) => a + b, 0)} rows, ${header.migrations.length} migrations`);

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "brewline-restore" });
  await client.connect();
  try {
    await client.query("SET client_encoding = 'UTF8'");
    const current = await inspect(client);
    if (!current.superuser) {
      throw new RestoreRefused("restoring needs a PostgreSQL superuser (it loads the rows with triggers off); set DATABASE_URL to connect as one");
    }
    if (current.tables > 0 && !current.brewline) {
      throw new RestoreRefused("this database holds tables that are not Brewline's (no _prisma_migrations table); refusing to replace them");
    }
    let safetyBackup: string | undefined;
    if (current.brewline) {
      const safety = await createBackup({ databaseUrl: options.databaseUrl, target: { dir: options.safetyDir, tag: "before-restore" } });
      safetyBackup = safety.file;
      log(`the database as it was is saved in ${safety.file}`);
    }

    try {
      await client.query(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION ${current.schemaOwner === "CURRENT_USER" ? "CURRENT_USER" : quoteIdent(current.schemaOwner)}; GRANT USAGE ON SCHEMA public TO PUBLIC`);
      const applied = await applyMigrations(options.databaseUrl, { only: header.migrations });
      if (applied.length !== header.migrations.length) throw new Error(`applied ${applied.length} of the backup's ${header.migrations.length} migrations`);
      await checkSchemaMatches(client, header);
      const rows = await loadRows(client, options.file, header);
      const newer = [...known].some((name) => !header.migrations.includes(name));
      const migrationsAfter = newer ? await applyMigrations(options.databaseUrl) : [];
      if (migrationsAfter.length > 0) log(`applied the migrations newer than the backup: ${migrationsAfter.join(", ")}`);
      return { header, rows, safetyBackup, migrationsAfter };
    } catch (error) {
      const undo = safetyBackup ? ` The database as it was before is in ${safetyBackup} (npm run restore -- ${safetyBackup}).` : "";
      throw new Error(`restore failed part-way: ${(error as Error).message}.${undo}`, { cause: error });
    }
  } finally {
    await client.end().catch(() => {});
  }
}
