import { existsSync } from "node:fs";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import {
  BACKUP_FORMAT_VERSION,
  END_OF_ROWS,
  endLine,
  EXCLUDED_TABLES,
  headerLine,
  magicLine,
  quoteIdent,
  tableLine,
  type BackupHeader,
  type BackupSequence,
} from "./backup-format.ts";
import { backupFileName, type BackupTag } from "./backup-names.ts";

// A logical backup of the whole database (lib/backup/backup-format.ts) through the pg
// driver: no pg_dump needed. Every table is read inside one REPEATABLE READ READ ONLY
// transaction, so the file is one consistent moment even while orders keep coming in.

export type BackupResult = { file: string; bytes: number; durationMs: number; rows: Record<string, number> };

/** Either a file to write, or a folder in which the file gets a dated name with the tag. */
export type BackupTarget = { file: string } | { dir: string; tag: BackupTag };

const NEWLINE = 0x0a;

function countNewlines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) n += 1;
  return n;
}

async function readHeader(client: pg.Client, now: Date): Promise<BackupHeader> {
  const info = await client.query<{ server_version: string; database: string; has_migrations: boolean }>(
    "SELECT current_setting('server_version') AS server_version, current_database() AS database, to_regclass('public._prisma_migrations') IS NOT NULL AS has_migrations",
  );
  const { server_version, database, has_migrations } = info.rows[0]!;
  // A migration that failed half-way is not "applied": restore runs it again afterwards.
  const migrations = has_migrations
    ? (await client.query<{ name: string }>("SELECT migration_name AS name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")).rows.map((r) => r.name)
    : [];
  // Generated columns are computed again on restore; COPY cannot write them anyway.
  const tables = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname::text AS name,
           array(SELECT a.attname::text FROM pg_attribute a
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                 ORDER BY a.attnum) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    ORDER BY c.relname`);
  const sequences = await client.query<Omit<BackupSequence, "lastValue" | "isCalled">>(`
    SELECT sequencename::text AS name, data_type::text AS "dataType", start_value::text AS start, increment_by::text AS increment,
           min_value::text AS min, max_value::text AS max, cycle
    FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`);
  const withValues: BackupSequence[] = [];
  // Sequences are outside the snapshot: read now they are at least as far as any row
  // in it, so numbers handed out after a restore never collide with restored ones.
  for (const seq of sequences.rows) {
    const value = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM public.${quoteIdent(seq.name)}`);
    withValues.push({ ...seq, lastValue: value.rows[0]!.last_value, isCalled: value.rows[0]!.is_called });
  }
  return {
    format: "brewline-backup",
    version: BACKUP_FORMAT_VERSION,
    createdAt: now.toISOString(),
    serverVersion: server_version,
    database,
    migrations,
    tables: tables.rows.filter((t) => !EXCLUDED_TABLES.includes(t.name)),
    excludedTables: tables.rows.map((t) => t.name).filter((name) => EXCLUDED_TABLES.includes(name)),
    sequences: withValues,
  };
}

/** A name in the folder that no backup has yet (two backups in one second get -2, -3…). */
function freeName(dir: string, tag: BackupTag, at: Date): string {
  for (let n = 1; ; n += 1) {
    const file = path.join(dir, backupFileName(at, tag, n));
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/**
 * Writes the backup to `<file>.partial`, flushes it to the disk, then renames it: a crash
 * or a full disk never leaves a file under a backup's name that is not a whole backup.
 */
export async function createBackup(options: { databaseUrl: string; target: BackupTarget; now?: Date }): Promise<BackupResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const dir = "dir" in options.target ? options.target.dir : path.dirname(path.resolve(options.target.file));
  // Backups hold password hashes and customers' phone numbers: readable by this user only.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = "dir" in options.target ? freeName(dir, options.target.tag, now) : path.resolve(options.target.file);
  const partial = `${file}.partial`;

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "brewline-backup" });
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query("SET client_encoding = 'UTF8'");
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const header = await readHeader(client, now);
    async function* content(): AsyncGenerator<string | Buffer> {
      yield magicLine();
      yield headerLine(header);
      for (const table of header.tables) {
        yield tableLine(table.name);
        const copy = client.query(copyTo(`COPY public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) TO STDOUT`));
        let count = 0;
        for await (const chunk of copy as AsyncIterable<Buffer>) {
          count += countNewlines(chunk);
          yield chunk;
        }
        // Text-format COPY writes one line per row; anything else would misread on restore.
        if (count !== copy.rowCount) throw new Error(`backup of ${table.name}: ${count} lines for ${copy.rowCount} rows`);
        rows[table.name] = count;
        yield `${END_OF_ROWS}\n`;
      }
      yield endLine({ rows });
    }
    await pipeline(content, createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await client.query("COMMIT");
    const handle = await open(partial, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
    await syncFolder(dir);
  } catch (error) {
    await unlink(partial).catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return { file, bytes: (await stat(file)).size, durationMs: performance.now() - started, rows };
}

/** Makes the rename itself durable; not possible on every platform (Windows), where it is skipped. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}
