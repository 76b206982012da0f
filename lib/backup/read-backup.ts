import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import {
  BackupFileError,
  END_OF_ROWS,
  END_PREFIX,
  parseEndLine,
  parseHeaderLine,
  parseMagicLine,
  parseTableLine,
  type BackupHeader,
  type BackupTrailer,
} from "./backup-format.ts";

// Reads a backup file (lib/backup/backup-format.ts) as a stream of events, checking its
// structure as it goes: restore runs it once to validate the whole file before touching
// the database, then again to load the rows (which re-checks, inside the transaction).

export type BackupEvent =
  | { type: "header"; header: BackupHeader }
  | { type: "table"; name: string; columns: string[] }
  /** Whole rows, each ending in "\n", ready for COPY FROM STDIN. */
  | { type: "rows"; data: Buffer }
  | { type: "tableEnd"; name: string; rows: number }
  | { type: "end"; trailer: BackupTrailer };

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** Lines of the gunzipped file, without their "\n"; a last line without one is a cut-off file. */
async function* lines(file: string): AsyncGenerator<Buffer> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let carry: Buffer | undefined;
  let sawData = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      sawData = true;
      let start = 0;
      let end: number;
      while ((end = chunk.indexOf(NEWLINE, start)) !== -1) {
        const piece = chunk.subarray(start, end);
        yield carry ? Buffer.concat([carry, piece]) : piece;
        carry = undefined;
        start = end + 1;
      }
      if (start < chunk.length) carry = Buffer.concat(carry ? [carry, chunk.subarray(start)] : [chunk.subarray(start)]);
    }
  } catch (error) {
    throw zlibProblem(error as NodeJS.ErrnoException, file, !sawData);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (carry) throw new BackupFileError("truncated", `${file} is cut short (the copy or the backup did not finish); use another backup`);
}

/** A gzip error before any data means the file was never a gzip file at all. */
function zlibProblem(error: NodeJS.ErrnoException, file: string, atStart: boolean): Error {
  if (error instanceof BackupFileError) return error;
  if (error.code === "Z_BUF_ERROR" || /unexpected end of file/i.test(error.message)) {
    return new BackupFileError("truncated", `${file} is cut short (the copy or the backup did not finish); use another backup`);
  }
  if (error.code === "Z_DATA_ERROR") {
    return /incorrect header check/i.test(error.message) && atStart
      ? new BackupFileError("not-a-backup", `${file} is not a Brewline backup (not a gzip file)`)
      : new BackupFileError("damaged", `${file} is damaged (${error.message})`);
  }
  return error;
}

export async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new BackupFileError("missing", `no backup file at ${file}`);
  if (info.size === 0) throw new BackupFileError("not-a-backup", `${file} is empty: not a Brewline backup`);
  const it = lines(file);
  const next = async (what: string): Promise<string> => {
    const line = await it.next();
    if (line.done) throw new BackupFileError("truncated", `${file} is cut short (it ends before ${what}); use another backup`);
    return line.value.toString("utf8");
  };

  try {
    parseMagicLine(await next("its header"), file);
    const header = parseHeaderLine(await next("its header"), file);
    yield { type: "header", header };

    const counted: Record<string, number> = {};
    for (const table of header.tables) {
      const opened = await next(`table ${table.name}`);
      if (opened.startsWith(END_PREFIX)) throw new BackupFileError("truncated", `${file} is incomplete: it ends before table ${table.name}`);
      if (parseTableLine(opened) !== table.name) throw new BackupFileError("damaged", `${file} is damaged: expected table ${table.name}`);
      yield { type: "table", name: table.name, columns: table.columns };
      let rows = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for (;;) {
        const line = await it.next();
        if (line.done) throw new BackupFileError("truncated", `${file} is cut short (in table ${table.name}); use another backup`);
        if (line.value.length === 2 && line.value.toString("latin1") === END_OF_ROWS) break;
        rows += 1;
        pending.push(line.value, NEWLINE_BUFFER);
        pendingBytes += line.value.length + 1;
        if (pendingBytes >= CHUNK_BYTES) {
          yield { type: "rows", data: Buffer.concat(pending, pendingBytes) };
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) yield { type: "rows", data: Buffer.concat(pending, pendingBytes) };
      counted[table.name] = rows;
      yield { type: "tableEnd", name: table.name, rows };
    }

    const last = await next("its end marker");
    if (!last.startsWith(END_PREFIX)) throw new BackupFileError("damaged", `${file} is damaged: more tables than its header lists`);
    const trailer = parseEndLine(last, file);
    for (const table of header.tables) {
      if (trailer.rows[table.name] !== counted[table.name]) {
        throw new BackupFileError("damaged", `${file} is damaged: table ${table.name} has ${counted[table.name]} rows, its trailer says ${trailer.rows[table.name] ?? "none"}`);
      }
    }
    if ((await it.next()).done !== true) throw new BackupFileError("damaged", `${file} is damaged: there is more after its end marker`);
    yield { type: "end", trailer };
  } finally {
    // Closes the file also when the reader stops early (a failed load).
    await it.return(undefined);
  }
}

const NEWLINE_BUFFER = Buffer.from("\n");

/** Reads the whole file and returns its header and trailer, or throws a BackupFileError. */
export async function verifyBackup(file: string): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  let header: BackupHeader | undefined;
  for await (const event of readBackup(file)) {
    if (event.type === "header") header = event.header;
    if (event.type === "end") return { header: header!, trailer: event.trailer };
  }
  throw new BackupFileError("truncated", `${file} is cut short; use another backup`);
}
