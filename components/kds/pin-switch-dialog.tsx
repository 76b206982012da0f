"use client";

import { useId, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { buttonClass, Modal } from "./modal.tsx";

const MAX_PIN = 6;
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;

export type PinStaff = { id: string; name: string };

/**
 * "Switch barista" on a signed-in kitchen screen: pick your name, type your PIN on the
 * pad (or the keyboard), and the screen is yours; the tickets you start carry your name.
 * On success the page reloads under the new session.
 */
export function PinSwitchDialog({ staff, current, onClose }: { staff: PinStaff[]; current: string; onClose: () => void }) {
  const [who, setWho] = useState<PinStaff | null>(staff.length === 1 ? staff[0]! : null);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const press = (key: (typeof KEYS)[number]) => {
    setError(null);
    if (key === "clear") setPin("");
    else if (key === "back") setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < MAX_PIN ? p + key : p));
  };

  const submit = async () => {
    if (!who || pin.length < 4 || busy) return;
    setBusy(true);
    const result = await callApi("/api/auth/staff/pin-switch", { method: "POST", body: { userId: who.id, pin } });
    // A success cut off mid-answer still set the new session's cookie with its headers.
    if (result.ok || result.kind === "cut-off") {
      window.location.reload();
      return;
    }
    setBusy(false);
    setPin("");
    // better-auth answers 401 for a wrong PIN too ({ code: "WRONG_PIN", message: "Wrong PIN" }),
    // so its own message comes first; UNAUTHORIZED alone is this screen's ended session.
    setError(result.code === "UNAUTHORIZED" ? "This screen's session has ended. Reload and sign in again." : (result.serverMessage ?? result.message));
  };

  return (
    <Modal title="Switch barista" description={`${current} is on this screen now.`} onClose={onClose} testId="kds-pin-dialog" size="sm">
      {staff.length === 0 ? (
        <p className="text-lg">No one has a PIN yet. A manager adds one with <code>npm run staff -- reset &lt;email&gt; --pin 1234 --pin-only</code>.</p>
      ) : !who ? (
        <fieldset>
          <legend className="text-lg font-semibold">Who are you?</legend>
          <ul className="mt-3 grid grid-cols-2 gap-2">
            {staff.map((s) => (
              <li key={s.id}>
                <button type="button" data-testid={`kds-pin-user-${s.name}`} onClick={() => setWho(s)} className={`${buttonClass.quiet} min-h-16 w-full text-xl`}>
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="flex items-baseline justify-between gap-3">
            <label htmlFor={inputId} className="text-lg font-semibold">
              {who.name}, your PIN
            </label>
            {staff.length > 1 && (
              <button type="button" onClick={() => (setWho(null), setPin(""), setError(null))} className="min-h-12 px-2 font-semibold text-accent underline">
                Not {who.name}?
              </button>
            )}
          </div>
          <input
            id={inputId}
            data-autofocus
            data-testid="kds-pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]*"
            maxLength={MAX_PIN}
            value={pin}
            onChange={(e) => (setPin(e.target.value.replace(/\D/g, "").slice(0, MAX_PIN)), setError(null))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            className="mt-2 block min-h-16 w-full rounded-xl border border-line bg-bg px-4 text-center font-mono text-4xl tracking-[0.5em] focus:border-accent aria-[invalid=true]:border-danger"
          />
          <p id={`${inputId}-error`} role="alert" className="mt-2 min-h-7 font-medium text-danger">
            {error}
          </p>
          <div className="mt-2 grid grid-cols-3 gap-2" role="group" aria-label="PIN pad">
            {KEYS.map((key) => (
              <button
                key={key}
                type="button"
                tabIndex={-1}
                data-testid={`kds-pin-key-${key}`}
                onClick={() => press(key)}
                aria-label={key === "clear" ? "Clear" : key === "back" ? "Delete last digit" : key}
                className="min-h-16 rounded-2xl border border-line bg-surface-2 text-3xl font-semibold hover:bg-bg active:bg-accent-soft"
              >
                {key === "clear" ? "C" : key === "back" ? "⌫" : key}
              </button>
            ))}
          </div>
          <div className="mt-4 flex justify-end gap-3">
            <button type="button" onClick={onClose} className={buttonClass.quiet}>
              Cancel
            </button>
            <button type="submit" data-testid="kds-pin-submit" disabled={pin.length < 4 || busy} className={buttonClass.primary}>
              {busy ? "Checking…" : "Switch"}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
