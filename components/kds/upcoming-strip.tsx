import type { UpcomingSlot } from "../../lib/kitchen/kitchen-types.ts";
import { describeUpcoming } from "./kds-view.ts";

/**
 * Scheduled orders still to come, per pickup slot, soonest first: the kitchen sees a rush
 * before its tickets arrive (each arrives at its slot minus its prep time). Hidden when
 * nothing is booked.
 */
export function UpcomingStrip({ upcoming }: { upcoming: UpcomingSlot[] }) {
  if (upcoming.length === 0) return null;
  return (
    <section aria-labelledby="kds-upcoming-heading" data-testid="kds-upcoming" className="border-b border-line bg-surface/60 px-4 py-2">
      <div className="flex items-center gap-3">
        <h2 id="kds-upcoming-heading" className="shrink-0 text-sm font-semibold uppercase tracking-wider text-muted">
          Upcoming
          <span className="block text-xs font-normal normal-case tracking-normal">Scheduled pickups</span>
        </h2>
        <ol className="flex min-w-0 flex-1 gap-2 overflow-x-auto pb-0.5">
          {upcoming.map((slot) => (
            <li
              key={slot.startsAt}
              data-testid="kds-upcoming-slot"
              className="shrink-0 rounded-xl border border-line bg-surface px-3 py-1.5 text-lg font-semibold tabular-nums"
            >
              {describeUpcoming(slot)}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
