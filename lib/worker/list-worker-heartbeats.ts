import type { PrismaClient } from "../generated/prisma/client.ts";

/** Workers beat every 5 s; three missed beats means the process is gone or stuck. */
const HEARTBEAT_ALIVE_MS = 15_000;

export type WorkerView = {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  secondsSinceBeat: number;
  processed: number;
  failed: number;
  stoppedAt: string | null;
  alive: boolean;
};

/** The most recent worker processes, newest beat first, with whether each is alive. */
export async function listWorkerHeartbeats(options: { prisma: PrismaClient; now?: Date; take?: number }): Promise<WorkerView[]> {
  const now = options.now ?? new Date();
  const rows = await options.prisma.workerHeartbeat.findMany({ orderBy: { lastBeatAt: "desc" }, take: options.take ?? 20 });
  return rows.map((w) => {
    const sinceMs = now.getTime() - w.lastBeatAt.getTime();
    return {
      workerId: w.workerId,
      hostname: w.hostname,
      pid: w.pid,
      startedAt: w.startedAt.toISOString(),
      lastBeatAt: w.lastBeatAt.toISOString(),
      secondsSinceBeat: Math.max(0, Math.round(sinceMs / 1000)),
      processed: w.processed,
      failed: w.failed,
      stoppedAt: w.stoppedAt?.toISOString() ?? null,
      alive: w.stoppedAt === null && sinceMs < HEARTBEAT_ALIVE_MS,
    };
  });
}
