import { useId } from "react";
import type { WalkUpPaymentMethod } from "../../app/api/kds/walk-up/schema.ts";
import { formatMoney } from "../format.ts";
import type { CheckoutDetails, FieldErrors } from "../order/checkout.ts";
import { MAX_NAME_LENGTH, type MenuCategory, type MenuItemView } from "../order/menu-math.ts";

/** The menu as big buttons, category by category: quick to hit while the customer talks. */
export function WalkUpMenu({ menu, onPick }: { menu: MenuCategory[]; onPick: (item: MenuItemView) => void }) {
  if (menu.length === 0) return <p className="text-lg text-muted">Loading the menu…</p>;
  return (
    <div className="space-y-5">
      {menu.map((category) => (
        <section key={category.id} aria-labelledby={`walk-up-cat-${category.id}`}>
          <h3 id={`walk-up-cat-${category.id}`} className="mb-2 text-sm font-semibold uppercase tracking-wider text-muted">
            {category.name}
          </h3>
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2">
            {category.items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  data-testid={`walk-up-item-${item.id}`}
                  disabled={!item.available}
                  onClick={() => onPick(item)}
                  className="flex min-h-16 w-full flex-col items-start justify-center rounded-2xl border border-line bg-bg px-3 py-2 text-left hover:border-accent disabled:opacity-50"
                >
                  <span className="text-lg font-semibold leading-tight">{item.name}</span>
                  <span className="text-sm text-muted tabular-nums">{item.available ? formatMoney(item.basePriceCents) : "Sold out"}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const inputClass = "mt-1 block min-h-12 w-full rounded-xl border border-line bg-bg px-3.5 text-lg focus:border-accent aria-[invalid=true]:border-danger";

/** What the counter form asks of the customer (no online payment or tip at the till). */
export type CounterDetails = Required<Pick<CheckoutDetails, "customerName" | "phone" | "email" | "notifyConsent">>;

/** The customer's name (called out at pickup) and, if they want a message, phone or email with their consent. */
export function CustomerFields({
  details,
  errors,
  disabled,
  onChange,
}: {
  details: CounterDetails;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (details: CounterDetails) => void;
}) {
  const base = useId();
  const text = (field: "customerName" | "phone" | "email", label: string, extra: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div>
      <label htmlFor={`${base}-${field}`} className="text-base font-medium">
        {label}
      </label>
      <input
        id={`${base}-${field}`}
        value={details[field]}
        onChange={(e) => onChange({ ...details, [field]: e.target.value })}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${base}-${field}-error` : undefined}
        autoComplete="off"
        className={inputClass}
        {...extra}
      />
      <FieldError id={`${base}-${field}-error`} message={errors[field]} />
    </div>
  );
  return (
    <fieldset disabled={disabled} className="mt-4 space-y-3">
      <legend className="text-lg font-semibold">Customer</legend>
      {text("customerName", "Name (required)", { required: true, maxLength: MAX_NAME_LENGTH })}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        {text("phone", "Mobile for a text (optional)", { type: "tel", inputMode: "tel", maxLength: 32 })}
        {text("email", "Email (optional)", { type: "email", maxLength: 254 })}
      </div>
      <div>
        <label className="flex min-h-12 cursor-pointer items-start gap-3 py-1">
          <input
            type="checkbox"
            checked={details.notifyConsent}
            onChange={(e) => onChange({ ...details, notifyConsent: e.target.checked })}
            aria-invalid={errors.notifyConsent ? true : undefined}
            aria-describedby={errors.notifyConsent ? `${base}-consent-error` : undefined}
            className="mt-0.5 size-6 shrink-0 accent-[var(--accent)]"
          />
          <span>The customer agrees to a text/email when it&apos;s ready (used for this order only).</span>
        </label>
        <FieldError id={`${base}-consent-error`} message={errors.notifyConsent} />
      </div>
    </fieldset>
  );
}

/** The choices in the order a barista meets them: money in hand, the card reader, or later. */
export const PAYMENT_LABELS: Record<WalkUpPaymentMethod, string> = { CASH: "Cash", CARD_AT_TILL: "Card at the till", PAY_AT_PICKUP: "Not paid yet" };

/**
 * "Paid by": a required choice with no default, so a ticket is never marked paid (or
 * unpaid) because nobody looked. Radio buttons styled as big buttons, so arrow keys work.
 */
export function PaymentChoice({
  value,
  error,
  disabled,
  onChange,
}: {
  value: WalkUpPaymentMethod | null;
  error?: string | undefined;
  disabled: boolean;
  onChange: (method: WalkUpPaymentMethod) => void;
}) {
  const base = useId();
  return (
    <fieldset disabled={disabled} className="mt-4" aria-describedby={error ? `${base}-error` : undefined} data-testid="walk-up-payment">
      <legend className="text-lg font-semibold">Paid by (required)</legend>
      <div className="mt-1 grid grid-cols-3 gap-2">
        {(Object.keys(PAYMENT_LABELS) as WalkUpPaymentMethod[]).map((method) => (
          <label key={method} className="relative">
            <input
              type="radio"
              name={`${base}-payment`}
              value={method}
              checked={value === method}
              onChange={() => onChange(method)}
              className="peer sr-only"
            />
            <span className={`flex min-h-14 cursor-pointer items-center justify-center rounded-2xl border ${error ? "border-danger" : "border-line"} bg-bg px-2 text-center text-base font-semibold leading-tight peer-checked:border-accent peer-checked:bg-accent peer-checked:text-accent-ink peer-focus-visible:ring-2 peer-focus-visible:ring-accent`}>
              {PAYMENT_LABELS[method]}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${base}-error`} message={error} />
    </fieldset>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 font-medium text-danger">
      {message}
    </p>
  );
}
