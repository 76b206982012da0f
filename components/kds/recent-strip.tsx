import type { RecentTicket } from "../../lib/kitchen/kitchen-types.ts";
import type { TicketAction } from "./use-kds-board.ts";

/**
 * Recently bumped tickets, newest first, each with Recall: a drink bumped by mistake (or
 * remade) goes back onto the board. The customer already had their "ready" message and
 * is not sent another; the strip says so, so nobody expects one.
 */
export function RecentStrip({
  recent,
  pending,
  onRecall,
}: {
  recent: RecentTicket[];
  pending: Readonly<Record<string, TicketAction>>;
  onRecall: (ticket: RecentTicket) => void;
}) {
  return (
    <section aria-labelledby="kds-recent-heading" data-testid="kds-recent" className="border-t border-line bg-surface/60 px-4 py-2">
      <div className="flex items-center gap-3">
        <h2 id="kds-recent-heading" className="shrink-0 text-sm font-semibold uppercase tracking-wider text-muted">
          Recently bumped
          <span className="block text-xs font-normal normal-case tracking-normal">Recall: no second message to the customer</span>
        </h2>
        {recent.length === 0 ? (
          <p className="text-muted">Nothing bumped yet.</p>
        ) : (
          <ol className="flex min-w-0 flex-1 gap-2 overflow-x-auto pb-0.5">
            {recent.map((r, i) => (
              <li key={r.id} className="flex shrink-0 items-center gap-2 rounded-xl border border-line bg-surface py-1 pl-3 pr-1">
                <span className="text-lg font-bold tabular-nums">#{r.ticketNumber}</span>
                <span className="max-w-32 truncate">{r.customerName}</span>
                {r.readyAt === null && <span className="text-sm text-muted">sending…</span>}
                <button
                  type="button"
                  data-testid={`kds-recall-${r.ticketNumber}`}
                  disabled={pending[r.id] !== undefined}
                  onClick={() => onRecall(r)}
                  className="min-h-12 rounded-lg border border-line px-3 font-semibold hover:bg-surface-2 disabled:opacity-50"
                >
                  {pending[r.id] === "recall" ? "…" : "Recall"}
                  <span className="sr-only"> #{r.ticketNumber}</span>
                  {i === 0 && (
                    <kbd aria-hidden="true" className="ml-1.5 rounded border border-line px-1 font-sans text-xs text-muted">
                      R
                    </kbd>
                  )}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
