// A backup of Brewline's database now (docs/BACKUPS.md):
//   npm run backup                   into the backup folder (BREWLINE_BACKUP_DIR, default .data/backups)
//   npm run backup -- --out <file>   to that file
// Uses DATABASE_URL, or else the embedded database: the running shop's, or started here
// for the backup and stopped after. Same settings (.env, BREWLINE_*) as `npm start`.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "../lib/backup/create-backup.ts";
import { embeddedPostgresDir, withShopDatabase } from "../lib/backup/with-shop-database.ts";
import { findRunningShop } from "./stack/running-lock.ts";
import { displayPath, resolveSettings, UsageError } from "./stack/settings.ts";

const root = path.resolve(import.meta.dirname, "..");
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
// npm runs scripts in the project folder; a relative --out means the caller's folder.
const callerDir = process.env.INIT_CWD || process.cwd();
const fail = (message: string, code = 1): never => {
  console.error(`backup: ${message}`);
  process.exit(code);
};

try {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string" } } });
  // The launcher's settings, as `npm start` would resolve them.
  const s = resolveSettings(["start"], process.env, root);
  const running = s.database.kind === "embedded" ? findRunningShop({ dataDir: s.dataDir, postgresDataDir: embeddedPostgresDir(s.dataDir) }) : undefined;
  const database =
    s.database.kind === "external"
      ? s.database
      : { kind: "embedded" as const, dataDir: path.join(s.dataDir, "postgres"), port: running?.ports?.postgres ?? s.ports.postgres, running: running !== undefined };
  if (values.out && existsSync(path.resolve(callerDir, values.out))) fail(`${values.out} already exists; choose another name`);
  const result = await withShopDatabase({ database, mustExist: true, log: (line) => console.error(line) }, (databaseUrl) =>
    createBackup({ databaseUrl, target: values.out ? { file: path.resolve(callerDir, values.out) } : { dir: s.backups.dir, tag: "manual" } }),
  );
  const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(`backup saved: ${displayPath(result.file, callerDir)} (${(result.bytes / 1024).toFixed(0)} KB, ${total} rows in ${Object.keys(result.rows).length} tables, ${(result.durationMs / 1000).toFixed(1)} s)`);
  process.exit(0);
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  fail(usage ? `${(error as Error).message}\nusage: npm run backup [-- --out <file>]` : (error as Error).message, usage ? 2 : 1);
}
