import { z } from "zod";

// Brewline's own logical backup format, because the embedded PostgreSQL ships no pg_dump: a
// gzipped text file, written and read in one pass. "BREWLINE-BACKUP 1", a header JSON line, each
// table's rows in COPY text format between `@table "T"` and `\.`, then an `@end` line of row counts
// that a file cut short lacks. (docs/BACKUPS.md, "File format (version 1)")

const BACKUP_MAGIC = "BREWLINE-BACKUP";
export const BACKUP_FORMAT_VERSION = 1;
const TABLE_PREFIX = "@table ";
export const END_PREFIX = "@end ";
export const END_OF_ROWS = "\\.";

/**
 * Tables whose rows a backup leaves out. `_prisma_migrations`: restore recreates it by
 * applying the migrations. `Session` and `Verification`: live sign-in and reset tokens,
 * stored as-is; a backup copied to a USB disk must not let its reader act as a signed-in
 * manager, and after going back in time everyone signs in again anyway.
 */
export const EXCLUDED_TABLES = ["_prisma_migrations", "Session", "Verification"];

const bigintText = z.string().regex(/^-?\d+$/);

const headerSchema = z.object({
  format: z.literal("brewline-backup"),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  serverVersion: z.string(),
  database: z.string(),
  migrations: z.array(z.string().min(1)),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)).min(1) })),
  excludedTables: z.array(z.string()),
  sequences: z.array(
    z.object({
      name: z.string().min(1),
      dataType: z.enum(["smallint", "integer", "bigint"]),
      start: bigintText,
      increment: bigintText,
      min: bigintText,
      max: bigintText,
      cycle: z.boolean(),
      lastValue: bigintText,
      isCalled: z.boolean(),
    }),
  ),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupSequence = BackupHeader["sequences"][number];
export type BackupTrailer = { rows: Record<string, number> };

export type BackupProblem = "missing" | "not-a-backup" | "truncated" | "newer-format" | "damaged";

/** Why a file cannot be restored; `message` is one line a person can act on. */
export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
    this.name = "BackupFileError";
  }
}

export const magicLine = () => `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}\n`;
export const headerLine = (header: BackupHeader) => `${JSON.stringify(header)}\n`;
export const tableLine = (name: string) => `${TABLE_PREFIX}${JSON.stringify(name)}\n`;
export const endLine = (trailer: BackupTrailer) => `${END_PREFIX}${JSON.stringify(trailer)}\n`;

export function parseMagicLine(line: string, file: string): void {
  const match = /^BREWLINE-BACKUP (\d+)$/.exec(line);
  if (!match) throw new BackupFileError("not-a-backup", `${file} is not a Brewline backup`);
  if (Number(match[1]) > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError("newer-format", `${file} was made by a newer Brewline (backup format ${match[1]}); upgrade Brewline first, then restore it`);
  }
}

export function parseHeaderLine(line: string, file: string): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new BackupFileError("damaged", `${file} is damaged: its header is not readable`);
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new BackupFileError("damaged", `${file} is damaged: its header is incomplete (${parsed.error.issues[0]?.path.join(".") || "?"})`);
  const names = parsed.data.tables.map((t) => t.name);
  if (new Set(names).size !== names.length) throw new BackupFileError("damaged", `${file} is damaged: a table is listed twice`);
  return parsed.data;
}

/** The table a `@table` line opens, or undefined if the line is not one. */
export function parseTableLine(line: string): string | undefined {
  if (!line.startsWith(TABLE_PREFIX)) return undefined;
  try {
    const name: unknown = JSON.parse(line.slice(TABLE_PREFIX.length));
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

export function parseEndLine(line: string, file: string): BackupTrailer {
  try {
    const trailer = JSON.parse(line.slice(END_PREFIX.length)) as BackupTrailer;
    if (trailer && typeof trailer.rows === "object" && Object.values(trailer.rows).every((n) => Number.isInteger(n) && n >= 0)) return trailer;
  } catch {
    // Reported below.
  }
  throw new BackupFileError("damaged", `${file} is damaged: its last line is not readable`);
}

/** A SQL identifier, quoted (table, column and sequence names are mixed-case). */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
