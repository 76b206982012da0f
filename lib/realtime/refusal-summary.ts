import { logger } from "../log.ts";

/** Which cap turned a live stream away. */
export type StreamCap = "address" | "process";

const REFUSAL_SUMMARY_INTERVAL_MS = 10_000;

export type RefusalSummaryFields = { refusedStreams: number; perAddressCap: number; perProcessCap: number; seconds: number };

type Deps = {
  now?: () => number;
  log?: (fields: RefusalSummaryFields, message: string) => void;
  intervalMs?: number;
};

/**
 * Counts refused live streams and logs them at most once per interval. A network
 * retrying past its cap, or a full process, refuses many streams a second, and a line
 * each would bury everything else in the log. There is no timer (nothing to stop at
 * shutdown or in tests): the refusal that finds the interval over writes the line, so
 * the first refusal after a quiet spell is logged at once, and the tail of a burst is
 * only told with the next refusal.
 */
export function refusalSummary({ now = Date.now, log = (fields, message) => logger.warn(fields, message), intervalMs = REFUSAL_SUMMARY_INTERVAL_MS }: Deps = {}) {
  let lastLine = Number.NEGATIVE_INFINITY;
  let since: number | null = null;
  const counts: Record<StreamCap, number> = { address: 0, process: 0 };

  return (cap: StreamCap): void => {
    const at = now();
    since ??= at;
    counts[cap] += 1;
    if (at - lastLine < intervalMs) return;
    const refusedStreams = counts.address + counts.process;
    // The span of the refusals counted, so "in the last N s" is true after a quiet spell too.
    const seconds = Math.max(1, Math.ceil((at - since) / 1_000));
    log(
      { refusedStreams, perAddressCap: counts.address, perProcessCap: counts.process, seconds },
      `refused ${refusedStreams} live stream${refusedStreams === 1 ? "" : "s"} in the last ${seconds} s ` +
        `(${counts.address} at the per-address cap, ${counts.process} at the per-process cap)`,
    );
    lastLine = at;
    since = null;
    counts.address = 0;
    counts.process = 0;
  };
}
