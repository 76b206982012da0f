import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, truncate, copyFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { BackupFileError } from "../../lib/backup/backup-format.ts";
import { backupFileName } from "../../lib/backup/backup-names.ts";
import { createBackup } from "../../lib/backup/create-backup.ts";
import { verifyBackup } from "../../lib/backup/read-backup.ts";
import { restoreBackup } from "../../lib/backup/restore-backup.ts";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma.ts";
import { freePort } from "../../lib/embedded/free-port.ts";
import { startBackupSchedule } from "../../scripts/stack/backups.ts";
import { writeRunningLock } from "../../scripts/stack/running-lock.ts";
import { markQueued, placeTestOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { createTestStaff, signIn, type TestStaff } from "../support/staff-session.ts";

// Backups of the embedded database (docs/BACKUPS.md) against a real PostgreSQL 18: back
// up, wipe, restore, and find the same orders, accounts and menu; refuse what must be refused.

const ctx = setupRouteTestStack();
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tmp = (prefix: string) => mkdtemp(path.join(os.tmpdir(), `brewline-${prefix}-`));

/** Everything a restore must bring back, read fresh (new client: the tables are new objects). */
async function snapshot(url: string) {
  const prisma = createPrismaClient(url);
  try {
    return {
      orders: await prisma.order.findMany({ orderBy: { ticketNumber: "asc" }, include: { items: { orderBy: { position: "asc" } } } }),
      users: await prisma.user.findMany({ orderBy: { email: "asc" } }),
      accounts: await prisma.account.findMany({ orderBy: { id: "asc" } }),
      menuItems: await prisma.menuItem.findMany({ orderBy: { id: "asc" } }),
      modifiers: await prisma.modifier.findMany({ orderBy: { id: "asc" } }),
      categories: await prisma.menuCategory.findMany({ orderBy: { id: "asc" } }),
      store: await prisma.storeSettings.findUnique({ where: { id: 1 } }),
      auditRows: await prisma.auditLog.count(),
      outbox: await prisma.outboxMessage.count(),
    };
  } finally {
    await prisma.$disconnect();
  }
}

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function withPrisma<T>(url: string, fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(url);
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

let staff: TestStaff;
let backupFile: string;
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  const { prisma, transport } = ctx.stack;
  staff = await createTestStaff(prisma, "manager", { pin: "4821" });
  // A menu the migrations could not make up: a price changed and an item sold out.
  await prisma.menuItem.update({ where: { id: "latte" }, data: { basePriceCents: 417 } });
  await prisma.modifier.update({ where: { id: "syrup-vanilla" }, data: { available: false } });
  const placed = [];
  for (const name of ["Ada", "Grace", "Linus", "Barbara"]) placed.push(await placeTestOrder({ prisma, transport, customerName: name, phone: "+1 415 555 2671" }));
  await markQueued(prisma, placed[1]!.orderId);
  await prisma.order.update({ where: { id: placed[2]!.orderId }, data: { status: "IN_PROGRESS", claimedBy: staff.name, startedAt: new Date() } });
  await prisma.order.update({ where: { id: placed[3]!.orderId }, data: { status: "CANCELLED", cancelReason: "out of oat milk\tand\\tabs\nand lines", cancelledAt: new Date() } });
});

describe("backup and restore", () => {
  it("backs up, wipes, restores and finds the orders, accounts and menu again", async () => {
    const url = ctx.stack.pg.url;
    before = await snapshot(url);
    expect(before.orders.map((o) => o.status)).toEqual(["PLACED", "QUEUED", "IN_PROGRESS", "CANCELLED"]);

    const dir = await tmp("backups");
    const made = await createBackup({ databaseUrl: url, target: { dir, tag: "manual" } });
    backupFile = made.file;
    console.log(`backup of the test data: ${made.bytes} bytes in ${made.durationMs.toFixed(0)} ms; rows ${JSON.stringify(made.rows)}`);
    expect(path.basename(made.file)).toMatch(/^brewline-\d{4}-\d{2}-\d{2}T\d{6}Z-manual\.backup\.gz$/);
    expect((await stat(made.file)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([path.basename(made.file)]);
    expect(made.rows).toMatchObject({ Order: 4, User: 1, Account: 1 });
    expect(made.rows).not.toHaveProperty("Session");
    expect(made.rows).not.toHaveProperty("_prisma_migrations");

    await sql(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    expect((await sql(url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n).toBe(0);

    const safetyDir = await tmp("safety");
    const started = performance.now();
    const result = await restoreBackup({ databaseUrl: url, file: made.file, safetyDir });
    console.log(`restore took ${(performance.now() - started).toFixed(0)} ms; rows found after restore: ${JSON.stringify(result.rows)}`);
    expect(result.safetyBackup).toBeUndefined(); // an empty database has nothing to save
    expect(result.migrationsAfter).toEqual([]);

    const after = await snapshot(url);
    // The same rows, to the field: ids, ticket numbers, statuses, items, prices, hashes.
    expect(after).toEqual(before);
    expect(after.menuItems.find((i) => i.id === "latte")?.basePriceCents).toBe(417);
    expect(after.store?.maxOpenOrders).toBeNull(); // not the default a migration would set
    console.log(`found after restore: ${after.orders.length} orders (${after.orders.reduce((n, o) => n + o.items.length, 0)} items), ${after.users.length} staff accounts, ${after.menuItems.length} menu items, ${after.modifiers.length} options, ${after.auditRows} audit rows`);
  });

  it("lets staff sign in again and hands out the next ticket number after a restore", async () => {
    const { transport } = ctx.stack;
    const url = ctx.stack.pg.url;
    // Sessions are not in backups: everyone signs in again, with the same password.
    expect((await sql(url, 'SELECT count(*)::int AS n FROM "Session"')).rows[0].n).toBe(0);
    await expect(signIn(staff)).resolves.toContain("session_token");
    const next = await withPrisma(url, (prisma) => placeTestOrder({ prisma, transport, customerName: "After" }));
    expect(next.ticketNumber).toBe(Math.max(...before.orders.map((o) => o.ticketNumber)) + 1);
    // The audit trigger works again (it was off only while loading).
    expect((await sql(url, `SELECT count(*)::int AS n FROM "AuditLog" WHERE "orderId" = '${next.orderId}'`)).rows[0].n).toBe(1);
  });

  it("saves the current database before replacing it, so a restore by mistake loses nothing", async () => {
    const url = ctx.stack.pg.url;
    const withNewOrder = await snapshot(url);
    const safetyDir = await tmp("safety");
    const result = await restoreBackup({ databaseUrl: url, file: backupFile, safetyDir });
    expect(result.safetyBackup && path.dirname(result.safetyBackup)).toBe(safetyDir);
    expect(path.basename(result.safetyBackup!)).toMatch(/-before-restore\.backup\.gz$/);
    expect((await snapshot(url)).orders).toHaveLength(before.orders.length);
    await restoreBackup({ databaseUrl: url, file: result.safetyBackup!, safetyDir });
    expect(await snapshot(url)).toEqual(withNewOrder);
  });

  it("refuses a truncated or foreign file before touching anything", async () => {
    const url = ctx.stack.pg.url;
    const current = await snapshot(url);
    const dir = await tmp("bad");
    const cut = path.join(dir, "cut.backup.gz");
    await copyFile(backupFile, cut);
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    const foreign = path.join(dir, "notes.txt");
    await writeFile(foreign, "not a backup\n");
    const safetyDir = path.join(dir, "safety");
    const refusal = async (file: string) => restoreBackup({ databaseUrl: url, file, safetyDir }).then(() => undefined, (error: unknown) => error);

    const truncated = await refusal(cut);
    expect(truncated).toBeInstanceOf(BackupFileError);
    expect(truncated).toMatchObject({ problem: "truncated", message: expect.stringContaining("cut short") });
    expect(await refusal(foreign)).toMatchObject({ problem: "not-a-backup" });
    expect(await refusal(path.join(dir, "nope.backup.gz"))).toMatchObject({ problem: "missing" });
    expect(existsSync(safetyDir)).toBe(false);
    expect(await snapshot(url)).toEqual(current);
  });

  it("refuses a backup from a newer Brewline (an unknown migration)", async () => {
    const dir = await tmp("newer");
    const file = path.join(dir, "newer.backup.gz");
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n");
    const header = JSON.parse(lines[1]!);
    header.migrations.push("20991231000000_from_the_future");
    lines[1] = JSON.stringify(header);
    writeFileSync(file, gzipSync(lines.join("\n")));
    const error = await restoreBackup({ databaseUrl: ctx.stack.pg.url, file, safetyDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: "newer-format", message: expect.stringContaining("upgrade Brewline first") });
  });

  it("takes a backup at start and every night, prunes old automatic ones, and survives a failure", async () => {
    const dir = await tmp("schedule");
    const old = ["2020-01-01", "2020-01-02", "2020-01-03"].map((day) => backupFileName(new Date(`${day}T03:00:00Z`), "nightly"));
    const manual = backupFileName(new Date("2020-01-01T12:00:00Z"), "manual");
    for (const name of [...old, manual]) writeFileSync(path.join(dir, name), "old");
    let offsetMs = 0;
    const lines: string[] = [];
    const waitFor = async (pattern: RegExp, count = 1) => {
      for (let i = 0; i < 300 && lines.filter((l) => pattern.test(l)).length < count; i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(lines.filter((l) => pattern.test(l))).toHaveLength(count);
    };
    const schedule = startBackupSchedule({ databaseUrl: ctx.stack.pg.url, dir, keep: 2, hour: 3, log: (l) => lines.push(l), now: () => new Date(Date.now() + offsetMs), checkEveryMs: 20 });
    await waitFor(/backup \(start\) saved: .* KB in .* s/);
    offsetMs = schedule.nextRun().getTime() - Date.now() + 1000;
    await waitFor(/backup \(nightly\) saved/);
    await schedule.stop();
    const names = readdirSync(dir).sort();
    // Newest two automatic ones, plus the last of the newest earlier day; manual ones stay.
    expect(names.filter((n) => /-(start|nightly)(-\d+)?\.backup\.gz$/.test(n) && !n.startsWith("brewline-2020"))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith("brewline-2020"))).toEqual([manual, old[2]].sort());

    const failures: string[] = [];
    const broken = startBackupSchedule({ databaseUrl: `postgresql://postgres:x@127.0.0.1:${await freePort()}/none`, dir, keep: 2, hour: 3, log: () => {}, fail: (l) => failures.push(l) });
    await broken.stop();
    expect(failures).toEqual([expect.stringMatching(/^BACKUP FAILED \(start\): .* — the shop keeps running/)]);
  });
});

describe("npm run backup / npm run restore", () => {
  const tsx = (script: string, args: string[], env: Record<string, string | undefined>) =>
    run(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env: env as NodeJS.ProcessEnv, timeout: 120_000 }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("refuses to restore while the shop is running, and says how to stop it", async () => {
    const dataDir = await tmp("locked");
    writeRunningLock({ dataDir, ports: { postgres: 1 } }); // this process: alive
    const current = await snapshot(ctx.stack.pg.url);
    const result = await tsx("scripts/restore.ts", [backupFile], { ...process.env, BREWLINE_DATA_DIR: dataDir, DATABASE_URL: ctx.stack.pg.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Brewline is running \(pid \d+\): stop it first — Ctrl-C .*systemctl stop brewline.* kill \d+/);
    expect(await snapshot(ctx.stack.pg.url)).toEqual(current);
  });

  it("restores into a new data folder's embedded database and backs it up again", async () => {
    const dataDir = await tmp("cli");
    const env = { ...process.env, DATABASE_URL: undefined, BREWLINE_DATA_DIR: dataDir, BREWLINE_PG_PORT: String(await freePort()) };
    const nothing = await tsx("scripts/backup.ts", [], env);
    expect(nothing).toMatchObject({ code: 1, stderr: expect.stringContaining("nothing to back up") });

    const missing = await tsx("scripts/restore.ts", [path.join(dataDir, "missing.backup.gz")], env);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^restore: no backup file at /m) });

    const restored = await tsx("scripts/restore.ts", [backupFile], env);
    expect(restored.stderr + restored.stdout).toContain("restored: ");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/restored: .*Order 4/);

    const out = path.join(dataDir, "copy.backup.gz");
    const backedUp = await tsx("scripts/backup.ts", ["--out", out], env);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(/^backup saved: .*copy\.backup\.gz \(\d+ KB, \d+ rows in \d+ tables/);
    const [original, again] = await Promise.all([verifyBackup(backupFile), verifyBackup(out)]);
    expect(again.trailer.rows).toEqual(original.trailer.rows);
    expect(again.header.migrations).toEqual(original.header.migrations);
  });
});

