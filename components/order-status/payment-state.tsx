"use client";

import { useState } from "react";
import { callApi } from "../api/api-client.ts";
import { genericMessage } from "../api/error-messages.ts";
import { IntentLink } from "../intent-link.tsx";
import { paymentState, type LiveStatusView, type PaymentTone } from "./status-view.ts";

// Its own text colour: the box also sits on the green card of a ready order.
const TONES: Record<PaymentTone, string> = {
  waiting: "border-line bg-surface-2 text-ink",
  ok: "border-ready/40 bg-ready-soft text-ink",
  warn: "border-warn/40 bg-warn-soft text-ink",
  danger: "border-danger/40 bg-danger-soft text-danger",
};

/**
 * How the order is paid: waiting for an online payment (with "Pay now" until the
 * checkout expires), confirming it after the return from the payment page, paid,
 * refunded, or never paid (with the way back to the menu).
 */
export function PaymentState({
  token,
  view,
  confirming,
  clock,
}: {
  token: string;
  view: LiveStatusView;
  confirming: boolean;
  clock: (iso: string) => string;
}) {
  const state = paymentState(view, { confirming });
  if (!state) return null;
  const awaiting = view.status === "AWAITING_PAYMENT" && !confirming;
  return (
    <div className={`mt-5 rounded-2xl border px-4 py-3 text-center ${TONES[state.tone]}`}>
      <p data-testid="payment-state" data-tone={state.tone} className="font-semibold">
        {state.text}
      </p>
      {awaiting && view.checkout && (
        <p className="mt-1 text-sm text-muted" data-testid="payment-expires">
          Pay by <time dateTime={view.checkout.expiresAt}>{clock(view.checkout.expiresAt)}</time> {view.pickupLabel ? "to book your pickup time" : "to send it to the kitchen"}.
        </p>
      )}
      {awaiting && <PayNow token={token} />}
      {view.status === "PAYMENT_EXPIRED" && (
        <IntentLink
          href="/"
          data-testid="back-to-menu"
          className="mt-3 inline-flex min-h-11 items-center rounded-2xl bg-accent px-5 font-semibold text-accent-ink hover:bg-accent-strong"
        >
          Back to the menu
        </IntentLink>
      )}
    </div>
  );
}

/** Opens the order's hosted checkout again (the same one while it is open). */
function PayNow({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pay() {
    setBusy(true);
    setError(null);
    const result = await callApi<{ checkoutUrl?: unknown } | null>(`/api/orders/${encodeURIComponent(token)}/checkout`, { method: "POST", body: {} });
    const url = result.ok ? result.data?.checkoutUrl : null;
    if (typeof url === "string" && url) {
      // Stay busy: the payment page replaces this one.
      window.location.assign(url);
      return;
    }
    setError(result.ok ? genericMessage(result.status) : result.message);
    setBusy(false);
  }

  return (
    <>
      <button
        type="button"
        data-testid="pay-now"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void pay()}
        className="mt-3 inline-flex min-h-12 items-center justify-center gap-2 rounded-2xl bg-accent px-6 font-semibold text-accent-ink shadow-sm hover:bg-accent-strong disabled:opacity-60"
      >
        {busy && <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
        {busy ? "Opening the payment page…" : "Pay now"}
      </button>
      <div role="alert" data-testid="pay-now-error" className={error ? "mt-2 text-sm font-medium text-danger" : ""}>
        {error}
      </div>
    </>
  );
}
