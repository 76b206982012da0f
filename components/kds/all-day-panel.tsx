import type { KdsTicket } from "../../lib/kitchen/kitchen-types.ts";
import { allDayCounts } from "./all-day.ts";

/** Beside the board, not over it: a barista batches drinks while still watching tickets. */
export function AllDayPanel({ tickets, onClose }: { tickets: KdsTicket[]; onClose: () => void }) {
  const counts = allDayCounts(tickets);
  return (
    <aside aria-labelledby="kds-all-day-heading" data-testid="kds-all-day-panel" className="flex w-80 shrink-0 flex-col border-l border-line bg-surface">
      <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-2">
        <h2 id="kds-all-day-heading" className="text-xl font-semibold">
          All day
        </h2>
        <button type="button" onClick={onClose} className="min-h-12 rounded-xl px-3 font-semibold text-muted hover:bg-surface-2 hover:text-ink">
          Hide
        </button>
      </div>
      <div tabIndex={0} aria-labelledby="kds-all-day-heading" className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        <p className="text-muted">
          {counts.totalDrinks} to make on {counts.tickets} {counts.tickets === 1 ? "ticket" : "tickets"}
        </p>
        {counts.drinks.length > 0 && (
          <ul className="mt-3 space-y-3">
            {counts.drinks.map((d) => (
              <li key={d.name}>
                <p className="flex items-baseline gap-2 text-xl font-semibold">
                  <span className="w-10 shrink-0 text-right tabular-nums text-accent">{d.count}</span>
                  {d.name}
                </p>
                {d.options.length > 0 && (
                  <ul className="ml-12 text-base">
                    {d.options.map((o) => (
                      <li key={`${o.group}:${o.name}`} className={o.nonDefault ? "font-semibold" : "text-muted"}>
                        <span className="tabular-nums">{o.count}</span> {o.name}
                        {o.flag && <span className="ml-1.5 font-bold text-danger">⚠ {o.flag}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {counts.options.length > 0 && (
          <>
            <h3 className="mt-5 text-sm font-semibold uppercase tracking-wider text-muted">Options, all drinks</h3>
            <ul className="mt-1 text-base">
              {counts.options.map((o) => (
                <li key={`${o.group}:${o.name}`} className={`flex gap-2 ${o.nonDefault ? "font-semibold" : "text-muted"}`}>
                  <span className="w-10 shrink-0 text-right tabular-nums">{o.count}</span>
                  <span>
                    {o.name}
                    {o.group && <span className="font-normal text-muted"> · {o.group}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
}
