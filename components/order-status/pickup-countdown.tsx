"use client";

import { useServerNow } from "../live/use-now.ts";
import { countdownText } from "./status-view.ts";

/**
 * The time left until a scheduled order's pickup, ticking each second on the shared
 * clock. Counted from the shop's time when the page was rendered (`renderedAt`), so a
 * phone whose clock is off still counts right. The device's offset from it is measured
 * when this mounts, so it is mounted with the page (`shown` false while the order still
 * awaits payment), not later when the order becomes SCHEDULED.
 */
export function PickupCountdown({ pickupAt, renderedAt, shown }: { pickupAt: string; renderedAt: string; shown: boolean }) {
  const now = useServerNow(renderedAt);
  if (!shown) return null;
  return (
    <p className="mt-3 inline-block rounded-full bg-accent-soft px-3 py-1 text-sm font-semibold tabular-nums" data-testid="pickup-countdown">
      <time dateTime={pickupAt}>{countdownText(Date.parse(pickupAt) - now)}</time>
    </p>
  );
}
