import type { OrderStatus } from "../generated/prisma/enums.ts";
import { DEFAULT_PREP_SECONDS } from "../schedule/prep-time.ts";

/**
 * Minutes until an order should be ready: the day's typical time from queued to ready
 * (median of recent orders), once per order up to and including this one, or what is
 * left of it once a barista started. Never below 1 while the order is open, so the page
 * never says 0 minutes for a drink not yet made; null for an order not in the kitchen (ready,
 * cancelled, awaiting or never paid).
 */
export function estimateEtaMinutes(options: {
  status: OrderStatus;
  queuePosition: number | null;
  medianPrepSeconds: number | null;
  startedAt: Date | null;
  now: Date;
}): number | null {
  const { status, queuePosition, startedAt, now } = options;
  if (status !== "PLACED" && status !== "QUEUED" && status !== "IN_PROGRESS") return null;
  const prep = options.medianPrepSeconds !== null && options.medianPrepSeconds > 0 ? options.medianPrepSeconds : DEFAULT_PREP_SECONDS;
  const seconds =
    status === "IN_PROGRESS"
      ? prep - (startedAt ? (now.getTime() - startedAt.getTime()) / 1000 : 0)
      : prep * Math.max(1, queuePosition ?? 1);
  return Math.max(1, Math.ceil(seconds / 60));
}
