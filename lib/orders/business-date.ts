// Building a formatter costs far more than using one, and this runs on every order.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The cafe's calendar day for an instant, in its own time zone (ticket numbers restart daily). */
export function businessDate(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

/** A YYYY-MM-DD day as the UTC-midnight Date that Prisma uses for @db.Date columns. */
export const dateOnly = (day: string) => new Date(`${day}T00:00:00.000Z`);
