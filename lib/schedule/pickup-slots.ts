import { describeWhen, localTime, periodsOn as openingPeriodsOn, WEEKDAYS, zonedInstant, type OpeningHours, type Period as OpeningPeriod, type Weekday } from "../store/opening-hours.ts";

// The pickup slots a customer may choose from: today's and the next open day's. Pure (no
// database, no clock) so the calendar cases are unit-tested. Slots are stepped in instant
// space from each period's real open instant to its real close instant, so a day that
// loses or gains an hour to daylight saving has that many fewer or more slots, never a
// skipped or doubled instant.

export type PickupSlot = { startsAt: Date; day: "today" | "next"; weekday: Weekday };

/** A local day's opening period with its weekday; null hours are open all day. */
type Period = OpeningPeriod & { weekday: Weekday };

function periodsOn(hours: OpeningHours | null, day: number): Period[] {
  const weekday = WEEKDAYS[new Date(day * 86_400_000).getUTCDay()]!;
  const periods = hours === null ? [{ day, open: 0, close: 24 * 60 }] : openingPeriodsOn(hours, day);
  return periods.map((p) => ({ ...p, weekday }));
}

const closesAt = (p: Period, timeZone: string) => zonedInstant(p.day, p.close, timeZone).getTime();

function slotsOf(p: Period, day: PickupSlot["day"], stepMs: number, timeZone: string): PickupSlot[] {
  const slots: PickupSlot[] = [];
  const close = closesAt(p, timeZone);
  for (let at = zonedInstant(p.day, p.open, timeZone).getTime(); at < close; at += stepMs) {
    slots.push({ startsAt: new Date(at), day, weekday: p.weekday });
  }
  return slots;
}

/**
 * Slot starts from each opening period's open time in steps of slotMinutes while before its
 * close, on "today" (periods that started today, plus yesterday's overnight one still running)
 * and on the next open day after today (within a week); only starts >= earliest; sorted;
 * unique by instant. hours null = open 00:00–24:00 every day. weekday = the weekday of the
 * period the slot belongs to.
 */
export function pickupSlots(o: { hours: OpeningHours | null; timeZone: string; now: Date; slotMinutes: number; earliest: Date }): PickupSlot[] {
  const { hours, timeZone, now, slotMinutes, earliest } = o;
  // A bad step would loop forever or emit garbage; the settings schema keeps it to 5, 10 or 15.
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) throw new RangeError(`slotMinutes must be a positive whole number, not ${slotMinutes}`);
  const stepMs = slotMinutes * 60_000;
  const today = localTime(now, timeZone).dayNumber;

  const stillRunning = periodsOn(hours, today - 1).filter((p) => closesAt(p, timeZone) > now.getTime());
  let nextDay: Period[] = [];
  for (let day = today + 1; day <= today + 7 && nextDay.length === 0; day++) nextDay = periodsOn(hours, day);

  const all = [...[...stillRunning, ...periodsOn(hours, today)].flatMap((p) => slotsOf(p, "today", stepMs, timeZone)), ...nextDay.flatMap((p) => slotsOf(p, "next", stepMs, timeZone))];
  // Stable sort: where periods overlap, the earlier-listed (today's) slot is the one kept.
  const sorted = all.filter((s) => s.startsAt.getTime() >= earliest.getTime()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return sorted.filter((s, i) => i === 0 || s.startsAt.getTime() !== sorted[i - 1]!.startsAt.getTime());
}

/** "8:15" (H:MM, store time zone). */
export function slotLabel(at: Date, timeZone: string): string {
  // Relative to itself describeWhen gives just the clock, so labels match the rest of the app.
  return describeWhen(at, at, timeZone);
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The slot's day as a customer reads it: "Today", "Tomorrow" or the weekday's name (the next open day is within a week). */
export function slotDayLabel(slot: Pick<PickupSlot, "day" | "weekday">, now: Date, timeZone: string): string {
  if (slot.day === "today") return "Today";
  const weekday = WEEKDAYS.indexOf(slot.weekday);
  return weekday === (localTime(now, timeZone).weekday + 1) % 7 ? "Tomorrow" : DAY_NAMES[weekday]!;
}
