// Backup file names, e.g. brewline-2026-12-05T031500Z-nightly.backup.gz: UTC time, so a
// plain name sort is a time sort on any machine, and the kind of backup. Pruning only
// ever considers names that parse, so nothing else in the folder is at risk.

export type BackupTag = "start" | "nightly" | "manual" | "before-restore";

/** Taken by the launcher by itself, hence removed by it too; manual and before-restore ones are a person's to delete. */
const AUTOMATIC_TAGS: readonly BackupTag[] = ["start", "nightly"];

const NAME = /^brewline-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z-(start|nightly|manual|before-restore)(?:-(\d+))?\.backup\.gz$/;

export type BackupName = { name: string; at: Date; tag: BackupTag; /** 1, or 2, 3… for a second backup in the same second. */ n: number };

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export function backupFileName(at: Date, tag: BackupTag, n = 1): string {
  const stamp = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
  return `brewline-${stamp}-${tag}${n > 1 ? `-${n}` : ""}.backup.gz`;
}

export function parseBackupFileName(name: string): BackupName | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Rejects 2026-02-31T250000Z and the like, which Date.UTC would roll over.
  if (at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return { name, at, tag: m[7] as BackupTag, n: m[8] ? Number(m[8]) : 1 };
}

/** Newest first. */
export function sortBackups(names: string[]): BackupName[] {
  return names
    .map(parseBackupFileName)
    .filter((b): b is BackupName => b !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.n - a.n || (a.name < b.name ? 1 : -1));
}

/**
 * The automatic backups to delete so that `keep` remain — plus the newest one of each of
 * the `keep` most recent days, so a day of many restarts (one backup each) does not push
 * out the nights before it. keep = 0 (no automatic backups) deletes nothing.
 */
export function backupsToPrune(names: string[], keep: number): string[] {
  if (keep <= 0) return [];
  const automatic = sortBackups(names).filter((b) => AUTOMATIC_TAGS.includes(b.tag));
  const kept = new Set(automatic.slice(0, keep).map((b) => b.name));
  const days = new Set<string>();
  for (const b of automatic) {
    const day = b.at.toISOString().slice(0, 10);
    if (days.has(day)) continue;
    if (days.size === keep) break;
    days.add(day);
    kept.add(b.name);
  }
  return automatic.filter((b) => !kept.has(b.name)).map((b) => b.name);
}
