// Pure statistics for the manager's dashboard: fed with orders read from Postgres,
// tested on fixed data (stats.test.ts). No I/O here.

/**
 * Nearest-rank percentile: the smallest value such that at least p % of the values are
 * at or below it, i.e. sorted[ceil(p/100 · n) − 1]. It is always one of the observed
 * values (a "p90 wait of 4 min 12 s" is a real order's wait, not an interpolation), ties
 * need no special case, one value is every percentile, and no values give null.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

type DurationSummary = { count: number; avgMs: number | null; p90Ms: number | null };

function summarizeDurations(values: readonly number[]): DurationSummary {
  return { count: values.length, avgMs: mean(values), p90Ms: percentile(values, 90) };
}

type StatsOption = { name: string; isDefault?: boolean };
type StatsItem = { name: string; quantity: number; options: StatsOption[] };
export type StatsOrder = {
  status: "PLACED" | "QUEUED" | "IN_PROGRESS" | "READY" | "CANCELLED";
  createdAt: Date;
  startedAt: Date | null;
  readyAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  subtotalCents: number;
  taxCents: number;
  /** taxCents is part of subtotalCents (VAT-inclusive prices), not added to it. */
  taxIncluded: boolean;
  tipCents: number;
  items: StatsItem[];
};

export type TimingRow = { wait: DurationSummary; prep: DurationSummary };
export type RankedCount = { name: string; count: number };

export type OrderStats = {
  counts: Record<StatsOrder["status"], number>;
  total: number;
  /** Orders placed in each hour of the day (store time), 0–23, summed over the range's days. */
  perHour: { hour: number; orders: number }[];
  /** wait = placed → ready, prep = started → ready; ready orders only. */
  timing: TimingRow;
  timingByDrink: ({ name: string } & TimingRow)[];
  cancellations: { count: number; byReason: RankedCount[] };
  /**
   * Menu prices of the orders not cancelled (tips apart: they are the staff's). Tax that
   * was added to the prices (US sales tax) and VAT already inside them are kept apart, so
   * "sales" means the same whatever the store's prices were when each order was placed.
   */
  revenue: { orders: number; subtotalCents: number; taxAddedCents: number; taxIncludedCents: number; tipCents: number };
  topDrinks: RankedCount[];
  /** Options a customer chose over the default, counted per drink they were on. */
  topOptions: RankedCount[];
};

const STATUSES = ["PLACED", "QUEUED", "IN_PROGRESS", "READY", "CANCELLED"] as const;
const TOP = 8;

function hourIn(timeZone: string): (at: Date) => number {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" });
  return (at) => Number(format.format(at));
}

function ranked(counts: Map<string, number>, limit = TOP): RankedCount[] {
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

function timingOf(orders: readonly StatsOrder[]): TimingRow {
  const ready = orders.filter((o) => o.readyAt);
  return {
    wait: summarizeDurations(ready.map((o) => o.readyAt!.getTime() - o.createdAt.getTime())),
    prep: summarizeDurations(ready.filter((o) => o.startedAt).map((o) => o.readyAt!.getTime() - o.startedAt!.getTime())),
  };
}

export function computeOrderStats(orders: readonly StatsOrder[], timeZone: string): OrderStats {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as OrderStats["counts"];
  const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0 }));
  const hour = hourIn(timeZone);
  const reasons = new Map<string, number>();
  const drinks = new Map<string, number>();
  const options = new Map<string, number>();
  const byDrink = new Map<string, StatsOrder[]>();
  const revenue = { orders: 0, subtotalCents: 0, taxAddedCents: 0, taxIncludedCents: 0, tipCents: 0 };

  for (const order of orders) {
    counts[order.status]++;
    perHour[hour(order.createdAt)]!.orders++;
    if (order.status === "CANCELLED") {
      add(reasons, order.cancelReason?.trim() || "(no reason given)", 1);
      continue;
    }
    revenue.orders++;
    revenue.subtotalCents += order.subtotalCents;
    if (order.taxIncluded) revenue.taxIncludedCents += order.taxCents;
    else revenue.taxAddedCents += order.taxCents;
    revenue.tipCents += order.tipCents;
    for (const item of order.items) {
      add(drinks, item.name, item.quantity);
      for (const option of item.options) if (option.isDefault !== true) add(options, option.name, item.quantity);
      // An order with two of a drink is one wait for that drink, not two.
      const list = byDrink.get(item.name) ?? [];
      if (list.at(-1) !== order) list.push(order);
      byDrink.set(item.name, list);
    }
  }

  return {
    counts,
    total: orders.length,
    perHour,
    timing: timingOf(orders),
    timingByDrink: [...byDrink]
      .map(([name, list]) => ({ name, ...timingOf(list) }))
      .filter((row) => row.wait.count > 0)
      .sort((a, b) => b.wait.count - a.wait.count || a.name.localeCompare(b.name)),
    cancellations: { count: counts.CANCELLED, byReason: ranked(reasons, 20) },
    revenue,
    topDrinks: ranked(drinks),
    topOptions: ranked(options),
  };
}
