import { slotSettingsSchema, type SlotSettings } from "../../lib/store/slot-settings.ts";
import { WEEK_ORDER } from "../../lib/store/hours-form.ts";
import type { Weekday } from "../../lib/store/opening-hours.ts";

// The pickup-slot settings as the store page edits them: numbers as typed text, a day
// left empty uses the usual drinks per slot. Checked with the server's own schema, so a
// field's error shows under it before anything is sent.

export type SchedulingFields = { scheduledOrders: boolean; slotMinutes: string; slotDrinks: string; byWeekday: Record<Weekday, string> };

export function schedulingFields(settings: SlotSettings): SchedulingFields {
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    scheduledOrders: settings.scheduledOrders,
    slotMinutes: String(settings.slotMinutes),
    slotDrinks: String(settings.slotDrinks),
    byWeekday: Object.fromEntries(WEEK_ORDER.map((day) => [day, text(settings.slotDrinksByWeekday[day])])) as Record<Weekday, string>,
  };
}

// Only plain whole numbers are numbers here: "1e2" or "0x10" are refused, not read.
const number = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN);

/** The settings to save, or the errors by field ("slotDrinks", "slotDrinksByWeekday.sat"). */
export function readSchedulingFields(fields: SchedulingFields): { ok: true; settings: SlotSettings } | { ok: false; errors: Record<string, string> } {
  const byWeekday = Object.fromEntries(WEEK_ORDER.filter((day) => fields.byWeekday[day].trim() !== "").map((day) => [day, number(fields.byWeekday[day])]));
  const parsed = slotSettingsSchema.safeParse({ scheduledOrders: fields.scheduledOrders, slotMinutes: number(fields.slotMinutes), slotDrinks: number(fields.slotDrinks), slotDrinksByWeekday: byWeekday });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return { ok: false, errors };
}
