import type { WorkerView } from "./list-worker-heartbeats.ts";

export type WorkerSummary = {
  /** up: at least one worker beats; down: none does but one did; none: no worker ever checked in. */
  status: "up" | "down" | "none";
  alive: number;
  lastBeatAt: string | null;
  /** When the last worker stopped beating (or stopped cleanly); null unless down. */
  downSince: string | null;
};

/**
 * "Worker down since …" for the dashboard and /api/ready. Heartbeats rather than the
 * launcher's own knowledge, so the same answer holds for the one-box café and for N
 * workers on ECS; a crash the launcher repairs within the alive window never shows.
 */
export function summarizeWorkers(workers: readonly WorkerView[]): WorkerSummary {
  const alive = workers.filter((w) => w.alive).length;
  const lastBeatAt = workers.reduce<string | null>((latest, w) => (latest === null || w.lastBeatAt > latest ? w.lastBeatAt : latest), null);
  if (alive > 0) return { status: "up", alive, lastBeatAt, downSince: null };
  if (workers.length === 0) return { status: "none", alive, lastBeatAt, downSince: null };
  const downSince = workers.map((w) => w.stoppedAt ?? w.lastBeatAt).reduce((a, b) => (b > a ? b : a));
  return { status: "down", alive, lastBeatAt, downSince };
}
