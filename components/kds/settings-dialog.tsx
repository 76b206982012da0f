"use client";

import { useId, useState } from "react";
import type { KdsSettings } from "../../lib/kitchen/kitchen-types.ts";
import { settingsForm, settingsPatch, type SettingsForm } from "./kds-view.ts";
import { buttonClass, Modal } from "./modal.tsx";

/**
 * The shop's aging thresholds and how long the order board shows a ready order (saved
 * on the server, for every screen), and this screen's sound (kept on this screen).
 */
export function SettingsDialog({
  settings,
  soundOn,
  onSound,
  onSave,
  onClose,
}: {
  settings: KdsSettings;
  soundOn: boolean;
  onSound: (on: boolean) => void;
  /** Resolves to the server's refusal in words, or null once saved. */
  onSave: (settings: KdsSettings) => Promise<string | null>;
  onClose: () => void;
}) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = useId();

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const checked = settingsPatch(form);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setBusy(true);
    const refused = await onSave(checked.patch);
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  const field = (key: keyof SettingsForm, label: string, hint: string) => (
    <div>
      <label htmlFor={`${base}-${key}`} className="block text-base font-semibold">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={`${base}-${key}`}
          type="number"
          inputMode="decimal"
          min={0.5}
          step={0.5}
          value={form[key]}
          onChange={(e) => {
            setForm((f) => ({ ...f, [key]: e.target.value }));
            setError(null);
          }}
          aria-describedby={`${base}-${key}-hint`}
          className="block min-h-12 w-28 rounded-xl border border-line bg-bg px-3 text-lg tabular-nums focus:border-accent"
        />
        <span className="text-muted">minutes</span>
      </div>
      <p id={`${base}-${key}-hint`} className="mt-1 text-sm text-muted">
        {hint}
      </p>
    </div>
  );

  return (
    <Modal title="Kitchen settings" onClose={onClose} testId="kds-settings-dialog">
      <form onSubmit={(e) => void save(e)} className="space-y-5">
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold uppercase tracking-wider text-muted">Ticket age (every screen)</legend>
          {field("warnMinutes", "Getting old after", "The timer turns yellow.")}
          {field("lateMinutes", "Late after", "The timer turns red.")}
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold uppercase tracking-wider text-muted">Order board</legend>
          {field("boardReadyMinutes", "Show ready orders for", "How long a ready order stays in the Ready column of /board.")}
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold uppercase tracking-wider text-muted">This screen</legend>
          <label className="flex min-h-12 cursor-pointer items-center gap-3 text-lg">
            <input type="checkbox" checked={soundOn} onChange={(e) => onSound(e.target.checked)} className="size-6 accent-[var(--accent)]" />
            Sound: a chime for a new ticket, a low buzz for a cancelled one
          </label>
        </fieldset>
        <div role="alert" className={error ? "font-medium text-danger" : ""}>
          {error}
        </div>
        <div className="flex flex-wrap justify-end gap-3">
          <button type="button" onClick={onClose} className={buttonClass.quiet}>
            Close
          </button>
          <button type="submit" disabled={busy} className={buttonClass.primary}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
