import { formatClock, formatMoney } from "../format.ts";
import type { LiveStatusView } from "./status-view.ts";

/**
 * The items and the server's figures (the cart showed only an estimate). `clocks` holds
 * the times the server already wrote out (ISO → "9:41 AM"): a DateTimeFormat for the
 * store's time zone costs the phone several milliseconds while the page hydrates, so
 * only a time that arrives later (ready at) is formatted here.
 */
export function OrderSummary({ view, timeZone, clocks }: { view: LiveStatusView; timeZone: string; clocks: Record<string, string> }) {
  const clock = (iso: string) => clocks[iso] ?? formatClock(iso, timeZone);
  const showBreakdown = typeof view.subtotalCents === "number" && typeof view.taxCents === "number" && view.taxCents > 0;
  return (
    <section aria-labelledby="items-heading" className="mt-8 rounded-3xl border border-line bg-surface p-5">
      <h2 id="items-heading" className="text-lg font-semibold">
        Your order
      </h2>
      <ul className="mt-2 divide-y divide-line">
        {view.items.map((item, i) => (
          <li key={i} className="flex items-start justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium">
                <span className="tabular-nums text-muted">{item.quantity} ×</span> {item.name}
              </p>
              {item.options.length > 0 && <p className="text-sm text-muted">{item.options.join(", ")}</p>}
              {item.note && <p className="text-sm italic text-muted">“{item.note}”</p>}
            </div>
            <span className="shrink-0 tabular-nums">{formatMoney(item.unitPriceCents * item.quantity)}</span>
          </li>
        ))}
      </ul>
      <dl className="space-y-1 border-t border-line pt-3 text-sm">
        {showBreakdown && (
          <>
            <div className="flex justify-between">
              <dt className="text-muted">Subtotal</dt>
              <dd className="tabular-nums">{formatMoney(view.subtotalCents!)}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-muted">Tax</dt>
              <dd className="tabular-nums">{formatMoney(view.taxCents!)}</dd>
            </div>
          </>
        )}
        <div className="flex items-baseline justify-between text-base font-semibold">
          <dt>Total · pay at pickup</dt>
          <dd className="tabular-nums" data-testid="order-total">
            {formatMoney(view.totalCents)}
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-xs text-muted">
        Placed at <time dateTime={view.placedAt}>{clock(view.placedAt)}</time>
        {view.readyAt && (
          <>
            {" "}
            · ready at <time dateTime={view.readyAt}>{clock(view.readyAt)}</time>
          </>
        )}
      </p>
    </section>
  );
}
