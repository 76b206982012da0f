import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { ensureFreshBuild } from "../../scripts/stack/fresh-build.ts";
import { PEER_ADDRESS_FLAGS } from "../../scripts/stack/peer-address.ts";
import { killAllWorkerChildren, startWorkerChild, type WorkerChild } from "../chaos/worker-children.ts";
import { startWebInstances, stopWebInstances, type WebInstance } from "../scale/web-instances.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// The stack a hostile client meets: a production build served by `next start` the way
// the launcher runs it on a café's Wi-Fi (no proxy in front, TRUSTED_PROXY_HOPS=0, the
// client's address from the socket), the app's default limits and a new store's
// settings, real PostgreSQL, the queue emulator, an SMTP sink and optionally a worker.
// Each attack file gets its own stack; the build is shared with tests/scale.

const root = path.resolve(import.meta.dirname, "../..");
/** SECURITY_DIST_DIR lets two checkouts' runs (or two people) build apart. */
export const SECURITY_DIST_DIR = process.env.SECURITY_DIST_DIR || ".next-scale";

export type SecurityStack = {
  stack: TestStack;
  sink: MailSink;
  web: WebInstance;
  /** http://127.0.0.1:<port> of the web server. */
  baseUrl: string;
  worker?: WorkerChild;
};

export function setupSecurityStack(options: { env?: Record<string, string | undefined>; worker?: boolean } = {}): SecurityStack {
  const ctx = {} as SecurityStack;
  beforeAll(async () => {
    await ensureFreshBuild({ root, distDir: SECURITY_DIST_DIR, log: (line) => console.log(`[security] ${line}`) });
    ctx.stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }), storeLimits: true });
    ctx.sink = await startMailSink();
    // The app's own defaults, not the test stack's raised ones.
    const env = {
      ...ctx.stack.env,
      ORDER_RATE_LIMIT_PER_MINUTE: undefined,
      ORDER_RATE_LIMIT_PER_HOUR: undefined,
      ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: undefined,
      ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: undefined,
      TRUSTED_PROXY_HOPS: "0",
      SMTP_URL: ctx.sink.smtpUrl,
      ...options.env,
    };
    ctx.web = (await startWebInstances({ count: 1, distDir: SECURITY_DIST_DIR, env, nodeFlags: PEER_ADDRESS_FLAGS }))[0]!;
    ctx.baseUrl = `http://127.0.0.1:${ctx.web!.port}`;
    if (options.worker) ctx.worker = await startWorkerChild(ctx.stack, { SMTP_URL: ctx.sink.smtpUrl, ...(options.env as Record<string, string>) });
  }, 600_000);
  afterAll(async () => {
    await stopWebInstances();
    await killAllWorkerChildren();
    await ctx.sink?.close().catch(() => {});
    await ctx.stack?.stop();
  });
  return ctx;
}

/** Resident memory of a process group in bytes (`next start` may serve from a child process). */
export function groupRssBytes(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** What one row count looked like before an attack, to prove nothing was written. */
export async function countRows(stack: TestStack): Promise<{ orders: number; outbox: number; notifications: number; texts: number }> {
  const [row] = await stack.prisma.$queryRaw<{ orders: number; outbox: number; notifications: number; texts: number }[]>`
    SELECT (SELECT count(*)::int FROM "Order") AS orders, (SELECT count(*)::int FROM "OutboxMessage") AS outbox,
      (SELECT count(*)::int FROM "Notification") AS notifications, (SELECT count(*)::int FROM "DevSmsMessage") AS texts`;
  return row!;
}
