import { z } from "zod";

// Weekly opening hours in the store's time zone, and the instants they open and close.
// Pure (no database, no clock) so the calendar edge cases are unit-tested: hours that
// run past midnight, the next opening days ahead, and daylight-saving changes. Wall
// times are turned into instants through Intl, which knows each zone's rules.

/** Indexed like Date#getUTCDay. */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "times are HH:MM from 00:00 to 24:00");

/** [open, close]; a close earlier than the open runs past midnight into the next day. */
const interval = z
  .tuple([time, time])
  .refine(([open, close]) => open !== close, "an opening period cannot start and end at the same time")
  .refine(([open]) => open !== "24:00", "an opening period cannot start at 24:00");

export const openingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(interval).max(6, "at most 6 opening periods a day"));
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

type LocalTime = { year: number; month: number; day: number; minutes: number; weekday: number; dayNumber: number };

// Building a formatter costs far more than using one, and this runs on every order.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  return format;
}

function wallClock(at: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  // Some ICU versions write midnight as 24 even with h23.
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The wall-clock date and time at an instant in a zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const w = wallClock(at.getTime(), timeZone);
  const dayNumber = Math.floor(Date.UTC(w.year, w.month - 1, w.day) / 86_400_000);
  return { year: w.year, month: w.month, day: w.day, minutes: w.hour * 60 + w.minute, weekday: new Date(dayNumber * 86_400_000).getUTCDay(), dayNumber };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens on a local day (given as days since the epoch).
 * A time repeated when clocks go back is its first occurrence; a time skipped when they
 * go forward is moved on by the length of the gap (02:30 becomes 03:30).
 */
export function zonedInstant(dayNumber: number, minutes: number, timeZone: string): Date {
  const wall = dayNumber * 86_400_000 + minutes * 60_000;
  // The zone's offsets half a day either side: at most one clock change lies between.
  const before = wall - offsetAt(wall - 43_200_000, timeZone);
  const after = wall - offsetAt(wall + 43_200_000, timeZone);
  const real = [before, after].filter((t) => wall - offsetAt(t, timeZone) === t);
  // Neither is real inside a gap: the earlier offset then lands just past it.
  return new Date(real.length > 0 ? Math.min(...real) : before);
}

/** An opening period of a local day (days since the epoch), in minutes from its midnight. */
export type Period = { day: number; open: number; close: number };

/** Each period of a local day, closing times past midnight counted from the same day. */
export function periodsOn(hours: OpeningHours, dayNumber: number): Period[] {
  const weekday = WEEKDAYS[new Date(dayNumber * 86_400_000).getUTCDay()]!;
  return (hours[weekday] ?? []).map(([o, c]) => {
    const open = minutesOf(o);
    const close = minutesOf(c);
    return { day: dayNumber, open, close: close > open ? close : close + 24 * 60 };
  });
}

/** Whether the hours have the store open at an instant (null hours = always open). */
export function isOpenAt(hours: OpeningHours | null, at: Date, timeZone: string): boolean {
  if (hours === null) return true;
  const local = localTime(at, timeZone);
  // Yesterday's periods count too: one running past midnight is still open now.
  return [...periodsOn(hours, local.dayNumber - 1), ...periodsOn(hours, local.dayNumber)].some((p) => {
    const minutes = local.minutes + (local.dayNumber - p.day) * 24 * 60;
    return minutes >= p.open && minutes < p.close;
  });
}

/** The next instant after `at` at which an opening period starts, within a week; null if none. */
export function nextOpening(hours: OpeningHours, at: Date, timeZone: string): Date | null {
  const today = localTime(at, timeZone).dayNumber;
  let best: Date | null = null;
  for (let day = today; day <= today + 7; day++) {
    for (const period of periodsOn(hours, day)) {
      const opens = zonedInstant(day, period.open, timeZone);
      if (opens.getTime() > at.getTime() && (!best || opens < best)) best = opens;
    }
    if (best) return best;
  }
  return best;
}

/** The first instant from `at` on at which the hours have the store open (null: never). */
export function openFrom(hours: OpeningHours | null, at: Date, timeZone: string): Date | null {
  if (hours === null || isOpenAt(hours, at, timeZone)) return at;
  return nextOpening(hours, at, timeZone);
}

/**
 * When something happens, as a customer reads it relative to now: "10:45" (later
 * today), "7:00 tomorrow", "7:00 on Saturday" (this week) or "7:00 on 3 March".
 */
export function describeWhen(at: Date, now: Date, timeZone: string): string {
  const local = localTime(at, timeZone);
  const clock = `${Math.floor(local.minutes / 60)}:${String(local.minutes % 60).padStart(2, "0")}`;
  const days = local.dayNumber - localTime(now, timeZone).dayNumber;
  if (days <= 0) return clock;
  if (days === 1) return `${clock} tomorrow`;
  if (days < 7) return `${clock} on ${WEEKDAY_NAMES[local.weekday]}`;
  return `${clock} on ${local.day} ${MONTH_NAMES[local.month - 1]}`;
}
