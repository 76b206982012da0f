import { openingHoursSchema, WEEKDAYS, type OpeningHours, type Weekday } from "./opening-hours.ts";

// The weekly hours as the store page edits them: a row per day (Monday first), each
// with its periods; no periods = closed that day. Pure, shared by the form and tests.

type Period = { open: string; close: string };
export type DayRow = { day: Weekday; periods: Period[] };

/** Monday first, as a week reads on a shop door. */
export const WEEK_ORDER: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

export const DAY_LABELS: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

export function hoursToRows(hours: OpeningHours | null): DayRow[] {
  return WEEK_ORDER.map((day) => ({ day, periods: (hours?.[day] ?? []).map(([open, close]) => ({ open, close })) }));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** [start, end) in minutes from the day's midnight; overnight periods run past 1440. */
const span = ({ open, close }: Period) => {
  const start = minutes(open);
  const end = minutes(close);
  return [start, end > start ? end : end + 1440] as const;
};

/** The hours to save, or a problem per day (bad times, periods that overlap). */
export function rowsToHours(rows: DayRow[]): { hours: OpeningHours; errors: Partial<Record<Weekday, string>> } {
  const hours: OpeningHours = {};
  const errors: Partial<Record<Weekday, string>> = {};
  for (const row of rows) {
    if (row.periods.length === 0) continue;
    const periods = row.periods.map((p) => [p.open, p.close] as [string, string]);
    const parsed = openingHoursSchema.safeParse({ [row.day]: periods });
    if (!parsed.success) {
      errors[row.day] = parsed.error.issues[0]?.message ?? "check the times";
      continue;
    }
    const spans = row.periods.map(span).sort((a, b) => a[0] - b[0]);
    if (spans.some((s, i) => i > 0 && s[0] < spans[i - 1]![1])) {
      errors[row.day] = "opening periods overlap";
      continue;
    }
    hours[row.day] = periods;
  }
  return { hours, errors };
}

/** "Same hours as Monday" for every other day that is open, or for all days. */
export function copyDay(rows: DayRow[], from: Weekday, to: "weekdays" | "all"): DayRow[] {
  const source = rows.find((r) => r.day === from)?.periods ?? [];
  const weekend: Weekday[] = ["sat", "sun"];
  return rows.map((r) => (r.day === from || (to === "weekdays" && weekend.includes(r.day)) ? r : { ...r, periods: source.map((p) => ({ ...p })) }));
}
