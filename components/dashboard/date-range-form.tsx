import Link from "next/link";
import { shiftDay, type DateRange } from "../../lib/dashboard/date-range.ts";

const query = (r: DateRange) => (r.from === r.to ? `?from=${r.from}` : `?from=${r.from}&to=${r.to}`);

/** A plain GET form (works without script): business dates, with shortcuts. */
export function DateRangeForm({ range, today }: { range: DateRange; today: string }) {
  const shortcuts: [string, DateRange][] = [
    ["Today", { from: today, to: today }],
    ["Yesterday", { from: shiftDay(today, -1), to: shiftDay(today, -1) }],
    ["Last 7 days", { from: shiftDay(today, -6), to: today }],
    ["Last 30 days", { from: shiftDay(today, -29), to: today }],
  ];
  return (
    <div className="flex flex-wrap items-end gap-3">
      <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-2" aria-label="Date range">
        <label className="text-sm text-muted">
          From
          <input type="date" name="from" defaultValue={range.from} max={today} className="mt-1 block min-h-10 rounded-lg border border-line bg-surface px-2 text-ink" />
        </label>
        <label className="text-sm text-muted">
          To
          <input type="date" name="to" defaultValue={range.to} max={today} className="mt-1 block min-h-10 rounded-lg border border-line bg-surface px-2 text-ink" />
        </label>
        <button type="submit" className="min-h-10 rounded-lg bg-accent px-3 text-sm font-semibold text-accent-ink">
          Show
        </button>
      </form>
      <ul className="flex flex-wrap gap-1 text-sm">
        {shortcuts.map(([label, r]) => (
          <li key={label}>
            <Link
              href={`/dashboard${query(r)}`}
              aria-current={r.from === range.from && r.to === range.to ? "true" : undefined}
              className="inline-flex min-h-10 items-center rounded-lg px-2 font-medium text-accent hover:bg-accent-soft aria-[current=true]:bg-accent-soft"
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
      <a href={`/api/dashboard/orders-csv${query(range)}`} download data-testid="csv-export" className="ml-auto inline-flex min-h-10 items-center rounded-lg border border-line bg-surface px-3 text-sm font-semibold hover:bg-accent-soft">
        Export orders (CSV)
      </a>
    </div>
  );
}
