import { z } from "zod";
import { AppError } from "../errors.ts";
import { businessDate } from "../orders/business-date.ts";

// Past days are picked as business dates (the store's calendar days, as on the tickets),
// never as instants: "yesterday" means the store's yesterday, whatever the viewer's zone.

const MAX_RANGE_DAYS = 92;

export type DateRange = { from: string; to: string };

const day = z.iso.date();

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

const rangeDays = (range: DateRange) => dayNumber(range.to) - dayNumber(range.from) + 1;

/**
 * `from`/`to` from a query string; either missing means today (store time), so a bare
 * /dashboard is today. A reversed range is swapped; an unreadable or too-long one is a
 * VALIDATION error.
 */
export function parseDateRange(
  params: { from?: string | null; to?: string | null },
  options: { timeZone: string; now?: Date },
): DateRange {
  const today = businessDate(options.now ?? new Date(), options.timeZone);
  const read = (value: string | null | undefined, name: string) => {
    if (!value) return null;
    const parsed = day.safeParse(value);
    if (!parsed.success) throw new AppError("VALIDATION", `${name} must be a date like 2026-11-27`);
    return parsed.data;
  };
  const from = read(params.from, "from");
  const to = read(params.to, "to");
  let range = { from: from ?? to ?? today, to: to ?? from ?? today };
  if (range.from > range.to) range = { from: range.to, to: range.from };
  if (rangeDays(range) > MAX_RANGE_DAYS) throw new AppError("VALIDATION", `pick at most ${MAX_RANGE_DAYS} days`);
  return range;
}

/** The business date `days` days after (negative: before) the given one. */
export function shiftDay(dayText: string, days: number): string {
  return new Date(Date.parse(`${dayText}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
