"use client";

import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { CHECKOUT_CONSENT_WORDING, PUSH_CONSENT_WORDING } from "../../lib/consent/consent-wording.ts";
import { formatMoney } from "../format.ts";
import type { CheckoutDetails, CheckoutFailure, CheckoutField } from "./checkout.ts";
import { ChoiceCard } from "./choice-card.tsx";
import { MAX_NAME_LENGTH } from "./menu-math.ts";
import { PickupChoice } from "./pickup-choice.tsx";
import { pushUiFor, readPushCapabilities } from "./push-support.ts";
import { TipPicker } from "./tip-picker.tsx";
import type { PaymentPanel } from "./use-checkout.ts";
import type { PickupPanel } from "./use-pickup-slots.ts";

const FIELD_ORDER: CheckoutField[] = ["customerName", "phone", "email", "notifyConsent", "tip"];

type Details = Required<Pick<CheckoutDetails, "customerName" | "phone" | "email" | "notifyConsent" | "push">>;

// What the browser can do is only known in the browser: the server renders no push choice.
const noChange = () => () => {};

/**
 * Name (required), phone and email (optional, with explicit consent), the payment
 * method (pay now with a tip, or at pickup, where the store takes payments online) and
 * the submit button. Errors from the browser's own checks and from the server are shown
 * next to their field, and focus moves to the first one.
 */
const PAYMENT_CHOICES = [
  { value: "online", testId: "pay-online", title: "Pay now", detail: "Card, Apple Pay, Google Pay" },
  { value: "at_pickup", testId: "pay-at-pickup", title: "Pay at pickup", detail: "At the counter when you collect it" },
] as const;

export function CheckoutForm({
  failure,
  submitting,
  canSubmit,
  blockedReason,
  totalCents,
  payment = null,
  pickup = null,
  pickupLabel = null,
  pushKey = null,
  onSubmit,
}: {
  failure: CheckoutFailure | null;
  submitting: boolean;
  canSubmit: boolean;
  /** Why the button is disabled, read out with it (store closed, a sold-out line). */
  blockedReason: string | null;
  /** What the customer pays, tip included: the figure on the button. */
  totalCents: number;
  /** useCheckout's payment section; null (or absent) when the store takes payment at pickup only. */
  payment?: PaymentPanel | null;
  /** usePickupSlots' section; null (or absent) when the store offers no scheduling now. */
  pickup?: PickupPanel | null;
  /** The chosen slot ("8:15"), null for as soon as possible. */
  pickupLabel?: string | null;
  /** The shop's VAPID public key: push is offered where the browser can subscribe; null = push off. */
  pushKey?: string | null;
  onSubmit: (details: CheckoutDetails) => void;
}) {
  const [details, setDetails] = useState<Details>({ customerName: "", phone: "", email: "", notifyConsent: false, push: false });
  const pushOffered = useSyncExternalStore(noChange, () => pushUiFor(readPushCapabilities(pushKey)) === "push", () => false);
  const base = useId();
  const id = (field: CheckoutField) => `${base}-${field}`;
  const errors = failure?.fields ?? {};

  useEffect(() => {
    const first = FIELD_ORDER.find((f) => failure?.fields[f]);
    if (first) document.getElementById(`${base}-${first}`)?.focus();
  }, [failure, base]);

  const payingNow = payment?.method === "online";
  const tip = payment?.tip;
  // A custom amount that cannot be sent is said as it is typed; an empty one only on submit.
  const tipError = errors.tip ?? (tip && "custom" in tip && tip.custom.trim() !== "" ? (payment?.resolvedTip.problem ?? undefined) : undefined);

  const input = (field: "customerName" | "phone" | "email") => ({
    id: id(field),
    name: field,
    value: details[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDetails((d) => ({ ...d, [field]: e.target.value })),
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id(field)}-error` : undefined,
    className: inputClass,
  });

  return (
    <form
      noValidate
      data-testid="checkout"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ ...details, push: pushOffered && details.push });
      }}
    >
      <fieldset className="mt-5 space-y-3" disabled={submitting}>
        <legend className="sr-only">Your details</legend>
        <Field id={id("customerName")} label="Your name" hint="We'll call it out at the counter" error={errors.customerName}>
          <input {...input("customerName")} required autoComplete="given-name" maxLength={MAX_NAME_LENGTH} />
        </Field>
        {pushOffered && (
          <label htmlFor={`${base}-push`} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl py-1 text-sm">
            <input
              id={`${base}-push`}
              type="checkbox"
              name="push"
              data-testid="checkout-push"
              checked={details.push}
              onChange={(e) => setDetails((d) => ({ ...d, push: e.target.checked }))}
              className="mt-0.5 size-5 shrink-0 accent-[var(--accent)]"
            />
            <span>{PUSH_CONSENT_WORDING}</span>
          </label>
        )}
        <Field id={id("phone")} label="Mobile for a text" optional error={errors.phone}>
          <input {...input("phone")} type="tel" inputMode="tel" autoComplete="tel" placeholder="Your mobile number" maxLength={32} />
        </Field>
        <Field id={id("email")} label="Email" optional error={errors.email}>
          <input {...input("email")} type="email" autoComplete="email" maxLength={254} />
        </Field>
        <div>
          <label htmlFor={id("notifyConsent")} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl py-1 text-sm">
            <input
              id={id("notifyConsent")}
              type="checkbox"
              name="notifyConsent"
              checked={details.notifyConsent}
              onChange={(e) => setDetails((d) => ({ ...d, notifyConsent: e.target.checked }))}
              aria-invalid={errors.notifyConsent ? true : undefined}
              aria-describedby={errors.notifyConsent ? `${id("notifyConsent")}-error` : undefined}
              className="mt-0.5 size-5 shrink-0 accent-[var(--accent)]"
            />
            <span>{CHECKOUT_CONSENT_WORDING}</span>
          </label>
          <FieldError id={`${id("notifyConsent")}-error`} message={errors.notifyConsent} />
        </div>
      </fieldset>

      {pickup && <PickupChoice panel={pickup} disabled={submitting} />}

      {payment ? (
        <fieldset className="mt-5" disabled={submitting}>
          <legend className="text-sm font-medium">How would you like to pay?</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {PAYMENT_CHOICES.map((choice) => (
              <ChoiceCard
                key={choice.value}
                name={`${base}-payment`}
                {...choice}
                checked={payment.method === choice.value}
                onChange={() => payment.setMethod(choice.value)}
              />
            ))}
          </div>
          {payingNow && <TipPicker panel={payment} inputId={id("tip")} error={tipError} />}
        </fieldset>
      ) : (
        <div className="mt-4 flex items-center justify-between rounded-xl bg-surface-2 px-3.5 py-3 text-sm">
          <span className="text-muted">Payment</span>
          <span className="font-semibold" data-testid="payment-method">
            Pay at pickup
          </span>
        </div>
      )}

      <div role="alert" data-testid="order-error" className={failure ? "mt-4 rounded-xl border border-danger/40 bg-danger-soft px-3.5 py-3 text-sm font-medium text-danger" : ""}>
        {failure?.message}
      </div>

      <button
        type="submit"
        data-testid="place-order"
        disabled={submitting || !canSubmit}
        aria-busy={submitting}
        aria-describedby={blockedReason ? `${base}-blocked` : undefined}
        className="mt-4 flex min-h-14 w-full items-center justify-center gap-2 rounded-2xl bg-accent px-5 text-lg font-semibold text-accent-ink shadow-sm transition-colors hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-50"
      >
        {submitting ? (
          <>
            <span aria-hidden="true" className="size-5 animate-spin rounded-full border-2 border-current border-t-transparent" />
            {payingNow ? "Going to payment…" : "Placing order…"}
          </>
        ) : payingNow ? (
          <span className="tabular-nums">Pay {formatMoney(totalCents)}</span>
        ) : (
          <span>
            Place order{totalCents > 0 && <span className="tabular-nums"> · {formatMoney(totalCents)}</span>}
          </span>
        )}
      </button>
      <p id={`${base}-blocked`} className="mt-2 text-center text-xs text-muted">
        {blockedReason ?? checkoutNote(payingNow, pickupLabel)}
      </p>
    </form>
  );
}

function checkoutNote(payingNow: boolean, pickupLabel: string | null): string {
  if (pickupLabel) {
    return payingNow
      ? `You'll pay on a secure payment page, and we'll have it ready at ${pickupLabel}. You can cancel until we start making it.`
      : `We'll have it ready at ${pickupLabel}. Pay at the counter when you pick up. You can cancel until we start making it.`;
  }
  return payingNow
    ? "You'll pay on a secure payment page. We start making it once it's paid, and you can cancel until then."
    : "Pay at the counter when you pick up. You can cancel until we start making it.";
}

const inputClass =
  "mt-1 block min-h-12 w-full rounded-xl border border-line bg-bg px-3.5 text-base placeholder:text-muted/80 focus:border-accent aria-[invalid=true]:border-danger disabled:opacity-60";

function Field({ id, label, hint, optional, error, children }: { id: string; label: string; hint?: string; optional?: boolean; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm font-medium">
        <span>
          {label} {optional && <span className="font-normal text-muted">(optional)</span>}
        </span>
        {hint && <span className="text-xs font-normal text-muted">{hint}</span>}
      </label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} data-testid="field-error" className="mt-1 text-sm font-medium text-danger">
      {message}
    </p>
  );
}
