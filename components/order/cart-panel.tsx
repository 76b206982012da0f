import { formatMoney, storeMoney } from "../format.ts";
import { MoneyRow } from "../money-row.tsx";
import { QuantityStepper } from "./quantity-stepper.tsx";
import type { CartLine, TotalsEstimate } from "./menu-math.ts";

/** The lines of the cart with their controls, and the estimated totals. */
export function CartLines({
  lines,
  problems,
  onQuantity,
  onEdit,
  onRemove,
}: {
  lines: CartLine[];
  /** Why a line cannot be ordered, by line index (sold out, refused by the server). */
  problems: Map<number, string>;
  onQuantity: (key: string, quantity: number) => void;
  onEdit: (line: CartLine) => void;
  onRemove: (key: string) => void;
}) {
  if (lines.length === 0) return <p className="mt-3 text-sm text-muted">Nothing here yet. Tap a drink to add it.</p>;
  return (
    <ul className="mt-3 divide-y divide-line">
      {lines.map((line, index) => {
        const problem = problems.get(index);
        return (
          <li key={line.key} data-testid="cart-line" data-problem={problem ? "true" : undefined} className={`py-3 ${problem ? "-mx-2 rounded-xl bg-danger-soft px-2" : ""}`}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium">{line.name}</p>
                {line.optionNames.length > 0 && <p className="text-sm text-muted">{line.optionNames.join(", ")}</p>}
                {line.note && <p className="text-sm italic text-muted">“{line.note}”</p>}
                {problem && (
                  <p className="mt-1 text-sm font-semibold text-danger" data-testid="cart-line-problem">
                    {problem}
                  </p>
                )}
              </div>
              <span className="shrink-0 font-medium tabular-nums">{formatMoney(line.unitPriceCents * line.quantity)}</span>
            </div>
            <div className="mt-2 flex items-center gap-2">
              <QuantityStepper size="sm" value={line.quantity} onChange={(q) => onQuantity(line.key, q)} label={`Quantity of ${line.name}`} />
              <button type="button" onClick={() => onEdit(line)} aria-label={`Edit ${line.name}`} className="min-h-11 rounded-xl px-3 text-sm font-medium text-accent hover:bg-accent-soft">
                Edit
              </button>
              <button
                type="button"
                onClick={() => onRemove(line.key)}
                aria-label={`Remove ${line.name}`}
                className="min-h-11 rounded-xl px-3 text-sm font-medium text-muted hover:bg-surface-2 hover:text-ink"
              >
                Remove
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

let percentFormat: Intl.NumberFormat | undefined;

/** "8.25%", "20 %": the rate as the store's locale writes a percentage (no currency data needed). */
function formatRate(basisPoints: number): string {
  percentFormat ??= new Intl.NumberFormat(storeMoney().locale, { style: "percent", maximumFractionDigits: 2 });
  return percentFormat.format(basisPoints / 10_000);
}

/**
 * Subtotal, tax, tip and total before ordering: the server prices the order again, and
 * the status page shows its figures. Tax included in the prices (VAT) is shown as the
 * part of the subtotal it is, not added.
 */
export function CartTotals({ totals, taxRateBasisPoints }: { totals: TotalsEstimate; taxRateBasisPoints: number | null }) {
  const { subtotalCents, taxCents, taxIncluded, tipCents, totalCents } = totals;
  return (
    <dl className="mt-3 space-y-1 border-t border-line pt-3 text-sm">
      <MoneyRow label="Subtotal" minor={subtotalCents} testId="cart-subtotal" />
      {taxRateBasisPoints !== null && taxRateBasisPoints > 0 && (
        <MoneyRow
          label={taxIncluded ? `Includes VAT (${formatRate(taxRateBasisPoints)})` : `Tax (${formatRate(taxRateBasisPoints)})`}
          minor={taxCents}
          testId="cart-tax"
          amountClassName={taxIncluded ? "text-muted" : ""}
          included={taxIncluded}
        />
      )}
      {tipCents > 0 && <MoneyRow label="Tip" minor={tipCents} testId="cart-tip" />}
      <div className="flex items-baseline justify-between pt-1 text-lg font-semibold">
        <dt>
          Total <span className="text-xs font-normal text-muted">(estimate)</span>
        </dt>
        <dd className="tabular-nums" data-testid="cart-total">
          {formatMoney(totalCents)}
        </dd>
      </div>
    </dl>
  );
}
