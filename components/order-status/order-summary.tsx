import { formatMoney } from "../format.ts";
import { MoneyRow } from "../money-row.tsx";
import type { LiveStatusView } from "./status-view.ts";

/** What the total line says about paying it. */
function totalLabel(view: LiveStatusView): string {
  if (view.paymentMethod === "ONLINE") {
    if (view.paymentStatus === "PAID") return "Total · paid online";
    if (view.paymentStatus === "REFUNDED") return "Total · refunded";
    return "Total";
  }
  if (view.paymentStatus === "PAID") return "Total · paid";
  return "Total · pay at pickup";
}

/**
 * The items and the server's figures (the cart showed only an estimate). `clock` writes
 * out a time, preferring what the server already wrote (see OrderStatusLive): a
 * DateTimeFormat for the store's time zone costs the phone several milliseconds while
 * the page hydrates.
 */
export function OrderSummary({ view, clock }: { view: LiveStatusView; clock: (iso: string) => string }) {
  const tax = view.taxCents ?? 0;
  const tip = view.tipCents ?? 0;
  const addedTax = view.taxIncluded ? 0 : tax;
  const showBreakdown = typeof view.subtotalCents === "number" && (addedTax > 0 || tip > 0);
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
            <MoneyRow label="Subtotal" minor={view.subtotalCents!} />
            {addedTax > 0 && <MoneyRow label="Tax" minor={addedTax} testId="order-tax" />}
            {tip > 0 && <MoneyRow label="Tip" minor={tip} testId="order-tip" />}
          </>
        )}
        <MoneyRow label={totalLabel(view)} minor={view.totalCents} testId="order-total" className="items-baseline text-base font-semibold" labelClassName="" />
        {view.taxIncluded && tax > 0 && <MoneyRow label="Includes VAT" minor={tax} testId="order-tax" className="text-xs text-muted" labelClassName="" />}
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
