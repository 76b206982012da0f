import { z } from "zod";
import { WEEKDAYS, type Weekday } from "./opening-hours.ts";

// How pickup slots are cut and how many drinks each may take. One place for the rules,
// so the admin form, the slot list and the booking check cannot disagree.

export const SLOT_MINUTES = [5, 10, 15] as const;

const weekdayDrinks = z.int("drinks per slot is a whole number").min(0, "drinks per slot is at least 0").max(500, "drinks per slot is at most 500");

export const slotSettingsSchema = z.object({
  scheduledOrders: z.boolean({ error: "scheduledOrders must be true or false" }),
  slotMinutes: z.int("slots are 5, 10 or 15 minutes long").refine((m) => (SLOT_MINUTES as readonly number[]).includes(m), "slots are 5, 10 or 15 minutes long"),
  slotDrinks: z.int("drinks per slot is a whole number").min(1, "drinks per slot is at least 1").max(500, "drinks per slot is at most 500"),
  slotDrinksByWeekday: z.partialRecord(z.enum(WEEKDAYS), weekdayDrinks),
});

export type SlotSettings = { scheduledOrders: boolean; slotMinutes: number; slotDrinks: number; slotDrinksByWeekday: Partial<Record<Weekday, number>> };

/** Drinks one slot of that weekday takes: its override (0 = none that day) or the usual number. */
export function slotCapacity(settings: SlotSettings, weekday: Weekday): number {
  return settings.slotDrinksByWeekday[weekday] ?? settings.slotDrinks;
}

const byWeekdaySchema = slotSettingsSchema.shape.slotDrinksByWeekday;

/** The stored Json column read back; anything unreadable means no overrides rather than a failed page. */
export function parseSlotDrinksByWeekday(value: unknown): Partial<Record<Weekday, number>> {
  const parsed = byWeekdaySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
