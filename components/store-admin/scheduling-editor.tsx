"use client";

import { useState } from "react";
import { SLOT_MINUTES, type SlotSettings } from "../../lib/store/slot-settings.ts";
import { DAY_LABELS, WEEK_ORDER } from "../../lib/store/hours-form.ts";
import { Field, FormMessage, inputClass, primaryButton, TextInput } from "../admin/form-parts.tsx";
import { readSchedulingFields, schedulingFields, type SchedulingFields } from "./scheduling-form.ts";

/** Ordering ahead: whether customers may pick a pickup time, how long a slot is and how many drinks it takes. */
export function SchedulingEditor({ settings, pending, onSave }: { settings: SlotSettings; pending: boolean; onSave: (settings: SlotSettings) => Promise<boolean> }) {
  const [fields, setFields] = useState<SchedulingFields>(() => schedulingFields(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  async function save() {
    const result = readSchedulingFields(fields);
    setSaved(null);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    if (await onSave(result.settings)) setSaved("Pickup times saved");
  }

  return (
    <div className="space-y-4">
      <label className="flex min-h-11 items-start gap-3">
        <input type="checkbox" data-testid="scheduled-orders" className="mt-0.5 size-5 shrink-0" checked={fields.scheduledOrders} onChange={(e) => setFields({ ...fields, scheduledOrders: e.target.checked })} />
        <span>
          <span className="font-semibold">Let customers order ahead for a pickup time</span>
          <span className="block text-sm text-muted">Today or the next open day, within opening hours. Orders already booked stay booked when this is off.</span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="slot-minutes" label="Pickup times every" error={errors.slotMinutes}>
          <select id="slot-minutes" className={inputClass} value={fields.slotMinutes} onChange={(e) => setFields({ ...fields, slotMinutes: e.target.value })} aria-invalid={errors.slotMinutes ? true : undefined}>
            {SLOT_MINUTES.map((m) => (
              <option key={m} value={String(m)}>
                {m} minutes
              </option>
            ))}
          </select>
        </Field>
        <Field id="slot-drinks" label="Drinks per pickup time" error={errors.slotDrinks} hint="1 to 500; a full pickup time is no longer offered">
          <TextInput id="slot-drinks" inputMode="numeric" value={fields.slotDrinks} onChange={(e) => setFields({ ...fields, slotDrinks: e.target.value })} error={errors.slotDrinks} hint />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Drinks per pickup time on particular days</legend>
        <p className="text-sm text-muted">Empty: the number above. 0: no pickup times that day.</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {WEEK_ORDER.map((day) => {
            const error = errors[`slotDrinksByWeekday.${day}`];
            return (
              <Field key={day} id={`slot-drinks-${day}`} label={DAY_LABELS[day]} error={error}>
                <TextInput id={`slot-drinks-${day}`} inputMode="numeric" placeholder={fields.slotDrinks} value={fields.byWeekday[day]} onChange={(e) => setFields({ ...fields, byWeekday: { ...fields.byWeekday, [day]: e.target.value } })} error={error} />
              </Field>
            );
          })}
        </div>
      </fieldset>
      <button type="button" className={primaryButton} disabled={pending} onClick={() => void save()}>
        Save pickup times
      </button>
      <FormMessage message={saved} tone="ok" />
    </div>
  );
}
