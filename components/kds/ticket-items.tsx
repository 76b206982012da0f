import type { KdsItem } from "../../lib/kitchen/kitchen-types.ts";

/**
 * A ticket's drinks as a barista reads them mid-pour: quantity and name large; what
 * differs from the usual drink highlighted; allergen and dietary flags as red badges no
 * one can miss; defaults quiet. The expediter also sees each item's station and a ✓
 * once that station is done with it.
 */
export function TicketItems({ items, showStations }: { items: KdsItem[]; showStations: boolean }) {
  return (
    <ul className="space-y-3">
      {items.map((item, i) => {
        const flags = [...new Set(item.options.flatMap((o) => (o.flag ? [o.flag] : [])))];
        const done = item.doneAt !== null;
        return (
          <li key={i} data-testid="kds-item" data-done={done ? "true" : undefined}>
            <p className="flex items-baseline gap-2 text-xl font-semibold leading-snug">
              {/* Done items are struck through in muted ink (not faded: it must stay readable). */}
              <span className={`tabular-nums ${done ? "text-muted" : "text-accent"}`}>{item.quantity}×</span>
              <span className={`min-w-0 flex-1 ${done ? "text-muted line-through decoration-2" : ""}`}>{item.name}</span>
              {showStations && item.station && <span className="shrink-0 text-sm font-medium text-muted">{item.station}</span>}
              {showStations && done && (
                <span className="shrink-0 text-lg font-bold text-ready" title="Done at its station">
                  ✓<span className="sr-only"> done</span>
                </span>
              )}
            </p>
            {flags.length > 0 && (
              <p className="mt-1 flex flex-wrap gap-1.5">
                {flags.map((flag) => (
                  <span key={flag} data-testid="kds-flag" className="rounded-lg bg-danger px-2 py-0.5 text-base font-bold uppercase tracking-wide text-bg">
                    <span aria-hidden="true">⚠ </span>
                    {flag}
                  </span>
                ))}
              </p>
            )}
            {item.options.length > 0 && (
              <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Options">
                {item.options.map((o, j) => (
                  <li
                    key={j}
                    data-non-default={o.nonDefault ? "true" : undefined}
                    className={
                      o.nonDefault
                        ? "rounded-lg border border-accent bg-accent-soft px-2 py-0.5 text-base font-semibold text-ink"
                        : "px-0.5 py-0.5 text-base text-muted"
                    }
                  >
                    {o.name}
                  </li>
                ))}
              </ul>
            )}
            {item.note && (
              <p className="mt-1.5 rounded-lg bg-warn-soft px-2.5 py-1.5 text-base font-semibold text-warn">
                <span className="sr-only">Note: </span>“{item.note}”
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
