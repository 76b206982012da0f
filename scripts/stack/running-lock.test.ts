import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findRunningShop, removeRunningLock, runningLockPath, shopRunningMessage, writeRunningLock } from "./running-lock.ts";

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "brewline-lock-"));

/** The pid of a process that has exited (and is reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("running lock", () => {
  it("finds a live launcher and says how to stop it", () => {
    const dataDir = tempDir();
    writeRunningLock({ dataDir, ports: { web: 3000, postgres: 54329 } });
    const shop = findRunningShop({ dataDir });
    expect(shop).toEqual({ pid: process.pid, what: "launcher", file: runningLockPath(dataDir), ports: { web: 3000, postgres: 54329 } });
    expect(JSON.parse(readFileSync(runningLockPath(dataDir), "utf8"))).toMatchObject({ pid: process.pid, ports: { web: 3000, postgres: 54329 } });
    const message = shopRunningMessage(shop!);
    for (const part of ["Ctrl-C", "systemctl stop brewline", `kill ${process.pid}`]) expect(message).toContain(part);
  });

  it("ignores a lock left by a launcher that died, or whose pid now belongs to another program", () => {
    const dataDir = tempDir();
    writeRunningLock({ dataDir, ports: {}, pid: deadPid() });
    expect(findRunningShop({ dataDir })).toBeUndefined();
    if (existsSync("/proc/self/cmdline")) {
      writeFileSync(runningLockPath(dataDir), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ports: {}, cmdline: "node\0scripts/stack.ts\0start\0" }));
      expect(findRunningShop({ dataDir })).toBeUndefined();
    }
  });

  it("finds a database server left running without its launcher", () => {
    const dataDir = tempDir();
    const postgresDataDir = tempDir();
    writeFileSync(path.join(postgresDataDir, "postmaster.pid"), `${process.pid}\n${postgresDataDir}\n`);
    expect(findRunningShop({ dataDir, postgresDataDir })).toMatchObject({ what: "postgres", pid: process.pid });
    writeFileSync(path.join(postgresDataDir, "postmaster.pid"), `${deadPid()}\n`);
    expect(findRunningShop({ dataDir, postgresDataDir })).toBeUndefined();
  });

  it("is removed at stop only by the process that wrote it", () => {
    const dataDir = tempDir();
    writeRunningLock({ dataDir, ports: {} });
    removeRunningLock({ dataDir, pid: process.pid + 1 });
    expect(existsSync(runningLockPath(dataDir))).toBe(true);
    removeRunningLock({ dataDir });
    expect(existsSync(runningLockPath(dataDir))).toBe(false);
    expect(findRunningShop({ dataDir })).toBeUndefined();
  });
});
