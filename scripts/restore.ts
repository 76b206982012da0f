// Puts a backup back (docs/BACKUPS.md):  npm run restore -- <file>
// Replaces everything in the database with the backup's contents, after saving the
// database as it is now into the backup folder. Refuses while the shop is running.
// Uses DATABASE_URL, or else the embedded database (started here, stopped after).
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupFileError } from "../lib/backup/backup-format.ts";
import { verifyBackup } from "../lib/backup/read-backup.ts";
import { restoreBackup, RestoreRefused } from "../lib/backup/restore-backup.ts";
import { embeddedPostgresDir, withShopDatabase } from "../lib/backup/with-shop-database.ts";
import { findRunningShop, shopRunningMessage } from "./stack/running-lock.ts";
import { displayPath, resolveSettings, UsageError } from "./stack/settings.ts";

const root = path.resolve(import.meta.dirname, "..");
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const callerDir = process.env.INIT_CWD || process.cwd();
const USAGE = "usage: npm run restore -- <backup file>";
const fail = (message: string, code = 1): never => {
  console.error(`restore: ${message}`);
  process.exit(code);
};

try {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "which backup? give its file" : "give one backup file");
  const file = path.resolve(callerDir, positionals[0]!);
  const s = resolveSettings(["start"], process.env, root);
  const running = findRunningShop({ dataDir: s.dataDir, postgresDataDir: s.database.kind === "embedded" ? embeddedPostgresDir(s.dataDir) : undefined });
  if (running) fail(shopRunningMessage(running));
  // The whole file is checked before any database is started or touched.
  const { header } = await verifyBackup(file);
  console.error(`restoring the backup of ${header.createdAt} (${displayPath(file, callerDir)})`);
  const database = s.database.kind === "external" ? s.database : { kind: "embedded" as const, dataDir: path.join(s.dataDir, "postgres"), port: s.ports.postgres, running: false };
  const result = await withShopDatabase({ database, mustExist: false, log: (line) => console.error(line) }, (databaseUrl) =>
    restoreBackup({ databaseUrl, file, safetyDir: s.backups.dir, log: (line) => console.error(line) }),
  );
  const counts = Object.entries(result.rows).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`);
  console.log(`restored: ${counts.join(", ") || "no rows"}`);
  if (result.safetyBackup) console.log(`the database as it was before is in ${displayPath(result.safetyBackup, callerDir)}`);
  console.log("start the shop again with npm start");
  process.exit(0);
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) fail(`${(error as Error).message}\n${USAGE}`, 2);
  fail(error instanceof BackupFileError || error instanceof RestoreRefused ? error.message : (error as Error).message);
}
