"use client";

import { useId, useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { genericMessage } from "../api/error-messages.ts";
import { formatMoney } from "../format.ts";

/**
 * "Cancel order", with a confirmation so a stray tap cannot cancel. The page's live
 * stream then shows CANCELLED; the 200 answer updates it straight away as well. A 409
 * (a barista started it meanwhile) is explained in words.
 */
export function CancelOrder({
  token,
  refundCents = null,
  onCancelled,
}: {
  token: string;
  /** What comes back to the customer's card when the order was paid online; null when nothing was paid. */
  refundCents?: number | null;
  onCancelled: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    setBusy(true);
    setError(null);
    const result = await callApi<{ status?: string } | null>(`/api/orders/${encodeURIComponent(token)}/cancel`, { method: "POST", body: {} });
    dialogRef.current?.close();
    if (result.ok && result.data?.status === "CANCELLED") onCancelled();
    // A cut-off answer may still have cancelled it: the live stream says so if it did.
    else setError(result.ok ? genericMessage(result.status) : result.message);
    setBusy(false);
  }

  return (
    <div className="mt-4 text-center">
      <button
        type="button"
        data-testid="cancel-order"
        onClick={() => dialogRef.current?.showModal()}
        className="inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold text-danger underline-offset-4 hover:bg-danger-soft hover:underline"
      >
        Cancel order
      </button>
      <div role="alert" className={error ? "mt-2 text-sm font-medium text-danger" : ""} data-testid="cancel-error">
        {error}
      </div>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto w-[min(92vw,24rem)] rounded-3xl bg-surface p-6 text-ink shadow-2xl">
        <h2 id={titleId} className="text-lg font-semibold">
          Cancel this order?
        </h2>
        <p className="mt-2 text-sm text-muted">
          The baristas haven&apos;t started it yet.{" "}
          {refundCents === null ? "You won't be charged." : `We'll refund ${formatMoney(refundCents)} to your card.`}
        </p>
        <div className="mt-5 flex flex-col gap-2 sm:flex-row-reverse">
          <button
            type="button"
            data-testid="confirm-cancel"
            disabled={busy}
            onClick={() => void cancel()}
            className="min-h-12 flex-1 rounded-2xl bg-danger px-4 font-semibold text-bg disabled:opacity-60"
          >
            {busy ? "Cancelling…" : "Yes, cancel it"}
          </button>
          <button
            type="button"
            autoFocus
            onClick={() => dialogRef.current?.close()}
            className="min-h-12 flex-1 rounded-2xl border border-line px-4 font-semibold hover:bg-surface-2"
          >
            Keep my order
          </button>
        </div>
      </dialog>
    </div>
  );
}
