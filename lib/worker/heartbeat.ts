import { randomBytes } from "node:crypto";
import os from "node:os";
import type { PrismaClient } from "../generated/prisma/client.ts";

export type WorkerIdentity = { workerId: string; hostname: string; pid: number; startedAt: Date };

/** hostname-pid-random: unique even when a container restarts with the same pid. */
export function createWorkerIdentity(): WorkerIdentity {
  const hostname = os.hostname();
  return { workerId: `${hostname}-${process.pid}-${randomBytes(3).toString("hex")}`, hostname, pid: process.pid, startedAt: new Date() };
}

/** Records that this worker is alive and what it has done, for the staff status view. */
export async function recordHeartbeat(options: {
  prisma: Pick<PrismaClient, "workerHeartbeat">;
  identity: WorkerIdentity;
  counts: { processed: number; failed: number };
  stopped?: boolean;
  now?: Date;
}): Promise<void> {
  const { identity, counts } = options;
  const now = options.now ?? new Date();
  const state = { lastBeatAt: now, processed: counts.processed, failed: counts.failed, stoppedAt: options.stopped ? now : null };
  await options.prisma.workerHeartbeat.upsert({
    where: { workerId: identity.workerId },
    create: { workerId: identity.workerId, hostname: identity.hostname, pid: identity.pid, startedAt: identity.startedAt, ...state },
    update: state,
  });
}
