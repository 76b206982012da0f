import { createBackup } from "../../lib/backup/create-backup.ts";
import type { BackupTag } from "../../lib/backup/backup-names.ts";
import { pruneBackups } from "../../lib/backup/prune-backups.ts";
import { displayPath } from "./settings.ts";

// The launcher's backups of the embedded database: one as the shop starts, one every
// night at BREWLINE_BACKUP_HOUR (machine local time), the oldest automatic ones pruned.
// A failed backup is reported loudly and never stops the shop.

/**
 * The next moment after `now` when the local clock reads `hour`:00. Built from calendar
 * fields, not by adding 24 hours, so it stays on the hour across DST changes: an hour
 * that does not exist that night (spring forward) runs at the first moment after it, an
 * hour that happens twice (fall back) runs once, the first time.
 */
export function nextBackupTime(now: Date, hour: number): Date {
  for (let day = 0; ; day += 1) {
    const candidate = new Date(now.getFullYear(), now.getMonth(), now.getDate() + day, hour, 0, 0, 0);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
}

export type BackupSchedule = {
  /** Waits for a backup under way, then stops the schedule. */
  stop: () => Promise<void>;
  /** When the nightly backup runs next. */
  nextRun: () => Date;
};

export type BackupScheduleOptions = {
  databaseUrl: string;
  dir: string;
  /** Automatic backups to keep; 0 = take none. */
  keep: number;
  hour: number;
  log: (line: string) => void;
  /** Failures (default: log). */
  fail?: (line: string) => void;
  /** The clock (tests move it forward). */
  now?: () => Date;
  /**
   * How often the clock is looked at. A laptop that sleeps through a timer set hours
   * ahead wakes with the timer late (its clock is stopped while asleep); looking every
   * minute takes the backup within a minute of waking.
   */
  checkEveryMs?: number;
};

const STOP_WAIT_MS = 30_000;

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const now = options.now ?? (() => new Date());
  const fail = options.fail ?? options.log;
  let next = nextBackupTime(now(), options.hour);
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const backup = (tag: BackupTag): Promise<void> => {
    running = (async () => {
      try {
        const result = await createBackup({ databaseUrl: options.databaseUrl, target: { dir: options.dir, tag } });
        const removed = await pruneBackups({ dir: options.dir, keep: options.keep, now: now() });
        options.log(
          `backup (${tag}) saved: ${displayPath(result.file)}, ${megabytes(result.bytes)} in ${(result.durationMs / 1000).toFixed(1)} s` +
            (removed.length > 0 ? `; removed ${removed.length} old backup${removed.length === 1 ? "" : "s"}` : ""),
        );
      } catch (error) {
        fail(`BACKUP FAILED (${tag}): ${(error as Error).message} — the shop keeps running; check ${displayPath(options.dir)} (disk full? unplugged?)`);
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const tick = () => {
    if (stopped) return;
    if (now().getTime() >= next.getTime() && !running) {
      next = nextBackupTime(now(), options.hour);
      void backup("nightly").finally(schedule);
      return;
    }
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    const wait = Math.max(0, Math.min(next.getTime() - now().getTime(), options.checkEveryMs ?? 60_000));
    timer = setTimeout(tick, wait);
    timer.unref();
  };

  if (options.keep > 0) {
    void backup("start").finally(schedule);
    options.log(`backups: one now and every night at ${String(options.hour).padStart(2, "0")}:00 into ${displayPath(options.dir)}, keeping ${options.keep}`);
  } else {
    options.log("automatic backups are off (BREWLINE_BACKUP_KEEP=0)");
  }

  return {
    nextRun: () => next,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (!running) return;
      // A backup takes well under a second for a day's orders; a hung one must not hold the shutdown.
      let bound: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        bound = setTimeout(() => {
          fail(`the backup under way did not finish within ${STOP_WAIT_MS / 1000} s; stopping without it`);
          resolve();
        }, STOP_WAIT_MS);
      });
      await Promise.race([running, late]).finally(() => clearTimeout(bound));
    },
  };
}
