import { describe, expect, it } from "vitest";
import { backupFileName, backupsToPrune, parseBackupFileName, sortBackups } from "./backup-names.ts";

const at = (iso: string) => new Date(iso);

describe("backup file names", () => {
  it("are UTC, sortable and tagged, and read back", () => {
    const name = backupFileName(at("2026-12-05T03:15:00.250Z"), "nightly");
    expect(name).toBe("brewline-2026-12-05T031500Z-nightly.backup.gz");
    expect(parseBackupFileName(name)).toEqual({ name, at: at("2026-12-05T03:15:00Z"), tag: "nightly", n: 1 });
    expect(backupFileName(at("2026-01-02T00:00:09Z"), "before-restore", 3)).toBe("brewline-2026-01-02T000009Z-before-restore-3.backup.gz");
    expect(parseBackupFileName("brewline-2026-01-02T000009Z-before-restore-3.backup.gz")).toMatchObject({ tag: "before-restore", n: 3 });
  });

  it("do not match anything else in the folder", () => {
    for (const name of [
      "brewline-2026-12-05T031500Z-nightly.backup.gz.partial",
      "brewline-2026-12-05T031500Z-weekly.backup.gz",
      "brewline-2026-02-31T031500Z-nightly.backup.gz",
      "brewline-2026-12-05T251500Z-nightly.backup.gz",
      "brewline-2026-12-05T031500Z.backup.gz",
      "my-notes.txt",
      "copy of brewline-2026-12-05T031500Z-manual.backup.gz",
    ]) {
      expect(parseBackupFileName(name), name).toBeUndefined();
    }
  });

  it("sort newest first, a second backup in the same second after the first", () => {
    const names = [
      "brewline-2026-12-05T031500Z-nightly.backup.gz",
      "brewline-2026-12-06T031500Z-nightly.backup.gz",
      "brewline-2026-12-06T031500Z-manual-2.backup.gz",
      "brewline-2025-12-31T235959Z-start.backup.gz",
    ];
    expect(sortBackups(names).map((b) => b.name)).toEqual([names[2], names[1], names[0], names[3]]);
  });
});

describe("backupsToPrune", () => {
  const nightly = (day: number) => backupFileName(at(`2026-12-${String(day).padStart(2, "0")}T03:00:00Z`), "nightly");

  it("keeps the newest N automatic backups", () => {
    const names = Array.from({ length: 10 }, (_, i) => nightly(i + 1));
    expect(backupsToPrune(names, 7)).toEqual([nightly(3), nightly(2), nightly(1)]);
    expect(backupsToPrune(names, 10)).toEqual([]);
  });

  it("never deletes manual or before-restore backups, or files that are not backups", () => {
    const names = [
      ...Array.from({ length: 5 }, (_, i) => nightly(i + 1)),
      backupFileName(at("2026-11-01T10:00:00Z"), "manual"),
      backupFileName(at("2026-11-01T10:00:00Z"), "before-restore"),
      "brewline-2026-11-01T100000Z-nightly.backup.gz.partial",
      "notes.txt",
    ];
    expect(backupsToPrune(names, 2)).toEqual([nightly(3), nightly(2), nightly(1)]);
  });

  it("keeps the last backup of each recent day even after many restarts in one day", () => {
    const restarts = Array.from({ length: 9 }, (_, i) => backupFileName(at(`2026-12-10T${String(8 + i).padStart(2, "0")}:00:00Z`), "start"));
    const names = [nightly(7), nightly(8), nightly(9), ...restarts];
    const pruned = backupsToPrune(names, 3);
    // The three newest restarts stay, and the nights of the 9th and 8th (the 10th's newest is a restart).
    expect(names.filter((n) => !pruned.includes(n))).toEqual([nightly(8), nightly(9), restarts[6], restarts[7], restarts[8]]);
  });

  it("deletes nothing when automatic backups are off (keep 0)", () => {
    expect(backupsToPrune([nightly(1), nightly(2)], 0)).toEqual([]);
  });
});
