"use client";

import { useId, useState } from "react";
import type { KdsTicket } from "../../lib/kitchen/kitchen-types.ts";
import { CANCEL_REASONS, cancelReasonProblem, MAX_CANCEL_REASON } from "./kds-view.ts";
import { buttonClass, Modal } from "./modal.tsx";
import type { CancelChoice } from "./use-kds-board.ts";

const REASON_BUTTON =
  "min-h-14 rounded-2xl border-2 border-line px-4 text-lg font-semibold hover:border-accent/60 aria-pressed:border-accent aria-pressed:bg-accent-soft";

/**
 * Cancelling is final and the customer is told the reason, so it takes two steps: a
 * reason (a preset or typed), then the red button that names the ticket. Spam is the
 * one choice that tells nobody: orders made up to have the shop text or email someone
 * must not reach that someone when the kitchen throws them out.
 */
export function CancelDialog({
  ticket,
  onConfirm,
  onClose,
}: {
  ticket: KdsTicket;
  /** Resolves to whether the server cancelled it; the dialog stays open otherwise. */
  onConfirm: (choice: CancelChoice) => Promise<boolean>;
  onClose: () => void;
}) {
  const [preset, setPreset] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [spam, setSpam] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typedId = useId();
  const reason = preset ?? typed;
  const problem = spam ? null : cancelReasonProblem(reason);

  // One choice at a time: a preset, typed words, or spam.
  const choose = (next: { preset?: string | null; spam?: boolean }) => {
    setPreset(next.preset ?? null);
    setSpam(next.spam ?? false);
    setError(null);
  };

  const confirm = async () => {
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const done = await onConfirm(spam ? { spam: true } : { reason: reason.trim() });
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal
      title={`Cancel ticket #${ticket.ticketNumber}?`}
      description={`${ticket.customerName}'s order comes off the board and they are told why, unless it is spam.`}
      onClose={onClose}
      testId="kds-cancel-dialog"
    >
      <fieldset>
        <legend className="text-base font-semibold">Reason</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {CANCEL_REASONS.map((r) => (
            <button key={r} type="button" aria-pressed={preset === r} onClick={() => choose({ preset: preset === r ? null : r })} className={REASON_BUTTON}>
              {r}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={spam}
            data-testid="kds-cancel-spam"
            onClick={() => choose({ spam: !spam })}
            className={`${REASON_BUTTON} col-span-2 aria-pressed:border-danger aria-pressed:bg-danger-soft`}
          >
            Spam — don&apos;t notify the customer
          </button>
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
          choose({});
        }}
        aria-describedby={`${typedId}-hint`}
        className="mt-2 block min-h-12 w-full rounded-xl border border-line bg-bg px-4 text-lg focus:border-accent"
      />
      <p id={`${typedId}-hint`} className="mt-1 text-sm text-muted" data-testid="kds-cancel-hint">
        {spam ? "No text or email is sent: the number and address on it may not be the orderer's." : `The customer sees: “Cancelled by the café: ${reason.trim() || "…"}”`}
      </p>
      <div role="alert" className={error ? "mt-3 font-medium text-danger" : ""}>
        {error}
      </div>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button type="button" data-autofocus onClick={onClose} className={buttonClass.quiet}>
          Keep it
        </button>
        <button type="button" data-testid="kds-confirm-cancel" disabled={busy} onClick={() => void confirm()} className={buttonClass.danger}>
          {busy ? "Cancelling…" : spam ? `Cancel #${ticket.ticketNumber} as spam` : `Cancel #${ticket.ticketNumber}`}
        </button>
      </div>
    </Modal>
  );
}
