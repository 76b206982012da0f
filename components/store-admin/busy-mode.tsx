"use client";

import { useEffect, useState } from "react";
import { formatClock } from "../format.ts";
import { useServerNow } from "../live/use-now.ts";
import { primaryButton, secondaryButton, TextInput, Field } from "../admin/form-parts.tsx";

const PRESETS = [15, 30, 60];

/**
 * Busy mode: pause new online orders for a while; they resume by themselves when the
 * time is up (the page re-reads then, to show it).
 */
export function BusyMode({ pausedUntil, renderedAt, timeZone, pending, onPause, onEnded }: { pausedUntil: string | null; renderedAt: string; timeZone: string; pending: boolean; onPause: (minutes: number) => Promise<unknown>; onEnded: () => void }) {
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | undefined>();
  // The server's clock decides when a pause ends; the tick shows it ending on time.
  const now = useServerNow(renderedAt);
  const paused = pausedUntil !== null && Date.parse(pausedUntil) > now;

  useEffect(() => {
    if (!pausedUntil) return;
    const ms = Date.parse(pausedUntil) - Date.parse(renderedAt);
    if (ms <= 0) return;
    const timer = setTimeout(onEnded, ms + 500);
    return () => clearTimeout(timer);
  }, [pausedUntil, renderedAt, onEnded]);

  function pauseCustom() {
    const minutes = Number(custom);
    if (!/^\d+$/.test(custom.trim()) || minutes < 1 || minutes > 480) return setError("A whole number of minutes from 1 to 480");
    setError(undefined);
    void onPause(minutes);
  }

  return (
    <div className="space-y-4">
      {paused ? (
        <div className="flex flex-wrap items-center gap-3 rounded-xl bg-warn-soft p-3" data-testid="busy-paused">
          <p className="flex-1 font-semibold text-warn">New orders paused until {formatClock(pausedUntil!, timeZone)}; they resume by themselves.</p>
          <button type="button" className={primaryButton} disabled={pending} data-testid="resume-orders" onClick={() => void onPause(0)}>
            Resume now
          </button>
        </div>
      ) : (
        <p className="text-muted">Not paused. Pause when the bar is overwhelmed: customers see when ordering resumes.</p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        {PRESETS.map((m) => (
          <button key={m} type="button" className={secondaryButton} disabled={pending} data-testid={`pause-${m}`} onClick={() => void onPause(m)}>
            Pause {m} min
          </button>
        ))}
        <Field id="pause-custom" label="Other (minutes)" error={error}>
          <TextInput id="pause-custom" inputMode="numeric" className="w-32" value={custom} onChange={(e) => setCustom(e.target.value)} error={error} />
        </Field>
        <button type="button" className={secondaryButton} disabled={pending} onClick={pauseCustom}>
          Pause
        </button>
      </div>
    </div>
  );
}
