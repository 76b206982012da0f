import { useId } from "react";
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

/** The customer's name (called out at pickup) and, if they want a message, phone or email with their consent. */
export function CustomerFields({
  details,
  errors,
  disabled,
  onChange,
}: {
  details: Required<CheckoutDetails>;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (details: Required<CheckoutDetails>) => void;
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

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 font-medium text-danger">
      {message}
    </p>
  );
}
