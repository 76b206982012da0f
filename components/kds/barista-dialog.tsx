"use client";

import { useId, useState } from "react";
import { buttonClass, Modal } from "./modal.tsx";

export const BARISTA_KEY = "brewline.kds.barista";
const MAX_BARISTA_NAME = 40;

/**
 * "Who's on this screen?" There are no staff accounts yet (issue 6): the name is kept on
 * this screen and sent with Start, Ready, Recall and Cancel, so the board can say
 * "Sam is making this" and the customer's cancellation can say who.
 */
export function BaristaDialog({ current, onSave, onClose }: { current: string | null; onSave: (name: string) => void; onClose: () => void }) {
  const [name, setName] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  return (
    <Modal
      title="Who's on this screen?"
      description="Your first name goes on the tickets you start, so the team can see who is making what."
      onClose={onClose}
      testId="kds-barista-dialog"
      size="sm"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) setError("Type your name (a first name is enough)");
          else onSave(trimmed);
        }}
      >
        <label htmlFor={inputId} className="text-base font-semibold">
          Your name
        </label>
        <input
          id={inputId}
          value={name}
          data-autofocus
          autoComplete="off"
          maxLength={MAX_BARISTA_NAME}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="mt-2 block min-h-14 w-full rounded-xl border border-line bg-bg px-4 text-xl focus:border-accent aria-[invalid=true]:border-danger"
        />
        {error && (
          <p id={`${inputId}-error`} className="mt-2 font-medium text-danger">
            {error}
          </p>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-3">
          <button type="button" onClick={onClose} className={buttonClass.quiet}>
            Not now
          </button>
          <button type="submit" data-testid="kds-barista-save" className={buttonClass.primary}>
            {current ? "Change" : "That's me"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
