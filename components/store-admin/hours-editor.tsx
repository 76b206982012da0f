"use client";

import { useState } from "react";
import { copyDay, DAY_LABELS, hoursToRows, rowsToHours, type DayRow } from "../../lib/store/hours-form.ts";
import type { OpeningHours } from "../../lib/store/opening-hours.ts";
import { FormMessage, inputClass, primaryButton, secondaryButton } from "../admin/form-parts.tsx";

/** The weekly hours: a row per day with its opening periods (none = closed), or no fixed hours at all. */
export function HoursEditor({ hours, timeZone, pending, onSave }: { hours: OpeningHours | null; timeZone: string; pending: boolean; onSave: (hours: OpeningHours | null) => Promise<boolean> }) {
  const [fixed, setFixed] = useState(hours !== null);
  const [rows, setRows] = useState<DayRow[]>(() => hoursToRows(hours));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const update = (day: string, periods: DayRow["periods"]) => setRows(rows.map((r) => (r.day === day ? { ...r, periods } : r)));

  async function save() {
    const result = rowsToHours(rows);
    setErrors(result.errors);
    setSaved(null);
    if (fixed && Object.keys(result.errors).length > 0) return;
    if (await onSave(fixed ? result.hours : null)) setSaved("Opening hours saved");
  }

  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="sr-only">Kind of opening hours</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="hours-kind" className="size-5" checked={!fixed} onChange={() => setFixed(false)} />
          No fixed hours (open whenever ordering is on)
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="hours-kind" className="size-5" checked={fixed} onChange={() => setFixed(true)} />
          Weekly hours ({timeZone})
        </label>
      </fieldset>
      {fixed && (
        <div className="space-y-3">
          {rows.map((row) => (
            <fieldset key={row.day} className="flex flex-wrap items-center gap-3 rounded-xl border border-line p-3" aria-describedby={errors[row.day] ? `hours-${row.day}-error` : undefined}>
              <legend className="sr-only">{DAY_LABELS[row.day]}</legend>
              <span aria-hidden className="w-28 font-semibold">
                {DAY_LABELS[row.day]}
              </span>
              {row.periods.length === 0 && <span className="text-muted">Closed</span>}
              {row.periods.map((p, i) => (
                <span key={i} className="flex items-center gap-2">
                  <input type="time" aria-label={`${DAY_LABELS[row.day]} opens`} className={`${inputClass} w-32`} value={p.open} onChange={(e) => update(row.day, row.periods.map((q, j) => (j === i ? { ...q, open: e.target.value } : q)))} />
                  <span aria-hidden>–</span>
                  <input type="time" aria-label={`${DAY_LABELS[row.day]} closes`} className={`${inputClass} w-32`} value={p.close} onChange={(e) => update(row.day, row.periods.map((q, j) => (j === i ? { ...q, close: e.target.value } : q)))} />
                  <button type="button" className={`${secondaryButton} px-3`} aria-label={`Remove ${DAY_LABELS[row.day]} ${p.open}–${p.close}`} onClick={() => update(row.day, row.periods.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                </span>
              ))}
              <button type="button" className={secondaryButton} onClick={() => update(row.day, [...row.periods, { open: "07:00", close: "17:00" }])}>
                + Hours<span className="sr-only"> on {DAY_LABELS[row.day]}</span>
              </button>
              {errors[row.day] && (
                <p id={`hours-${row.day}-error`} role="alert" className="w-full text-sm font-medium text-danger">
                  {DAY_LABELS[row.day]}: {errors[row.day]}
                </p>
              )}
            </fieldset>
          ))}
          <div className="flex flex-wrap gap-3">
            <button type="button" className={secondaryButton} onClick={() => setRows(copyDay(rows, "mon", "weekdays"))}>
              Copy Monday to Tuesday–Friday
            </button>
            <button type="button" className={secondaryButton} onClick={() => setRows(copyDay(rows, "mon", "all"))}>
              Copy Monday to every day
            </button>
          </div>
          <p className="text-sm text-muted">A closing time earlier than the opening runs past midnight (e.g. 18:00–02:00).</p>
        </div>
      )}
      <button type="button" className={primaryButton} disabled={pending} onClick={() => void save()}>
        Save opening hours
      </button>
      <FormMessage message={saved} tone="ok" />
    </div>
  );
}
