"use client";

import { useId, useState } from "react";
import type { KdsTicket } from "../../lib/kds/kds-types.ts";
import { CANCEL_REASONS, cancelReasonProblem, MAX_CANCEL_REASON } from "./kds-view.ts";
import { buttonClass, Modal } from "./modal.tsx";

/**
 * Cancelling is final and the customer is told the reason, so it takes two steps: a
 * reason (a preset or typed), then the red button that names the ticket.
 */
export function CancelDialog({
  ticket,
  onConfirm,
  onClose,
}: {
  ticket: KdsTicket;
  /** Resolves to whether the server cancelled it; the dialog stays open otherwise. */
  onConfirm: (reason: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [preset, setPreset] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typedId = useId();
  const reason = preset ?? typed;
  const problem = cancelReasonProblem(reason);

  const confirm = async () => {
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const done = await onConfirm(reason.trim());
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal
      title={`Cancel ticket #${ticket.ticketNumber}?`}
      description={`${ticket.customerName}'s order comes off the board and they are told why.`}
      onClose={onClose}
      testId="kds-cancel-dialog"
    >
      <fieldset>
        <legend className="text-base font-semibold">Reason</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {CANCEL_REASONS.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={preset === r}
              onClick={() => {
                setPreset(preset === r ? null : r);
                setError(null);
              }}
              className="min-h-14 rounded-2xl border-2 border-line px-4 text-lg font-semibold hover:border-accent/60 aria-pressed:border-accent aria-pressed:bg-accent-soft"
            >
              {r}
            </button>
          ))}
        </div>
      </fieldset>
      <label htmlFor={typedId} className="mt-4 block text-base font-semibold">
        Or type a reason
      </label>
      <input
        id={typedId}
        value={typed}
        maxLength={MAX_CANCEL_REASON}
        placeholder="e.g. Out of oat milk"
        onChange={(e) => {
          setTyped(e.target.value);
          setPreset(null);
          setError(null);
        }}
        aria-describedby={`${typedId}-hint`}
        className="mt-2 block min-h-12 w-full rounded-xl border border-line bg-bg px-4 text-lg focus:border-accent"
      />
      <p id={`${typedId}-hint`} className="mt-1 text-sm text-muted">
        The customer sees: “Cancelled by the café: {reason.trim() || "…"}”
      </p>
      <div role="alert" className={error ? "mt-3 font-medium text-danger" : ""}>
        {error}
      </div>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button type="button" data-autofocus onClick={onClose} className={buttonClass.quiet}>
          Keep it
        </button>
        <button type="button" data-testid="kds-confirm-cancel" disabled={busy} onClick={() => void confirm()} className={buttonClass.danger}>
          {busy ? "Cancelling…" : `Cancel #${ticket.ticketNumber}`}
        </button>
      </div>
    </Modal>
  );
}
