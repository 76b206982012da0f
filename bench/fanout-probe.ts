import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { PrismaClient } from "../lib/db/prisma.ts";
import { sleep } from "./common.ts";

// Readings the fan-out part takes from outside the processes it measures: CPU time and
// resident memory of the web processes from /proc (Linux), and committed transactions
// of the shop's database from pg_stat_database.

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

type ProcStat = { pid: number; pgrp: number; cpuSeconds: number };

/** The fields after the command name (which may hold spaces and parentheses). */
function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // f[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    return { pid: Number(pid), pgrp: Number(f[2]), cpuSeconds: (Number(f[11]) + Number(f[12])) / ticksPerSecond };
  } catch {
    return null; // Exited while we looked.
  }
}

/** Every live process in these process groups (spawnNode starts each child as a group leader). */
function groupMembers(groups: number[]): ProcStat[] {
  const wanted = new Set(groups);
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((s): s is ProcStat => s !== null && wanted.has(s.pgrp));
}

/** CPU seconds (user + system) used so far by the groups' live processes. */
export const cpuSeconds = (groups: number[]) => groupMembers(groups).reduce((sum, p) => sum + p.cpuSeconds, 0);

/** Resident memory (VmRSS) of the groups' live processes together, in MiB. */
export function rssMiB(groups: number[]): number {
  let kib = 0;
  for (const p of groupMembers(groups)) {
    try {
      kib += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p.pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Exited while we looked.
    }
  }
  return kib / 1024;
}

/** Samples rssMiB every second until stopped; the mean and max over the samples. */
export function sampleRss(groups: number[]): { stop: () => { meanMiB: number; maxMiB: number; samples: number } } {
  const values: number[] = [rssMiB(groups)];
  const timer = setInterval(() => values.push(rssMiB(groups)), 1000);
  return {
    stop: () => {
      clearInterval(timer);
      return { meanMiB: values.reduce((a, b) => a + b, 0) / values.length, maxMiB: Math.max(...values), samples: values.length };
    },
  };
}

/**
 * Backends report their transaction counts to the statistics system at most once a
 * second while busy, and an idle backend with counts pending flushes them only after
 * 10 s (PGSTAT_IDLE_INTERVAL). A reading therefore first waits `quietMs` with the shop
 * idle, so every backend's counts up to now are in; pg_stat_force_next_flush() covers
 * this reading's own connection.
 */
export async function committedTransactions(prisma: PrismaClient, quietMs = 11_000): Promise<number> {
  await sleep(quietMs);
  await prisma.$queryRaw`SELECT 1 AS flushed FROM pg_stat_force_next_flush()`;
  const [row] = await prisma.$queryRaw<[{ commits: bigint }]>`
    SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row.commits);
}

/**
 * Every listening backend of a database commits a transaction for each notification it
 * reads, whatever channel it listens on (measured: 2 backends, one per channel, 100
 * notifies on one channel → 200 transactions). Each web process holds its LISTEN
 * connections from its first stream on, so the streams run pays this and the no-stream
 * run does not; it does not grow with the number of streams. Read with the same quiet
 * wait as committedTransactions (called right after it): rows inserted and updated in
 * "Order" (its trigger notifies once per row) and the listening sessions now.
 */
export async function listenerWakeups(prisma: PrismaClient): Promise<{ orderWrites: number; listeners: number }> {
  const [row] = await prisma.$queryRaw<[{ writes: bigint; listeners: bigint }]>`
    SELECT (SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'Order') AS writes,
      (SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'brewline-%listener') AS listeners`;
  return { orderWrites: Number(row.writes), listeners: Number(row.listeners) };
}

