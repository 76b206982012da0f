import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { backupsToPrune, parseBackupFileName } from "./backup-names.ts";

// Deletes the automatic backups beyond the ones to keep (lib/backup/backup-names.ts
// decides which), and leftovers of backups that a crash or a power cut interrupted.

const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

export async function pruneBackups(options: { dir: string; keep: number; now?: Date }): Promise<string[]> {
  const names = await readdir(options.dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of backupsToPrune(names, options.keep)) {
    await unlink(path.join(options.dir, name));
    removed.push(name);
  }
  // A "<backup name>.partial" a day old belongs to no running backup.
  const now = (options.now ?? new Date()).getTime();
  for (const name of names) {
    if (!name.endsWith(".partial") || !parseBackupFileName(name.slice(0, -".partial".length))) continue;
    const file = path.join(options.dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_PARTIAL_MS) {
      await unlink(file).catch(() => {});
      removed.push(name);
    }
  }
  return removed;
}
