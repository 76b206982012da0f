import type { OrderStats, RankedCount, TimingRow } from "../../lib/dashboard/stats.ts";
import { formatMoney } from "../format.ts";
import { Section } from "./overview-sections.tsx";

/** "3:07" (minutes:seconds) for waits; "—" when there is nothing to measure. */
function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-2xl border border-line bg-surface p-4" data-testid={testId}>
      <p className="text-sm text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
    </div>
  );
}

/** "+ $1.20 tax", "incl. 0,75 € VAT", or both when the store switched between the two in the range. */
function taxHint(revenue: OrderStats["revenue"]): string {
  const parts = [];
  if (revenue.taxAddedCents > 0 || revenue.taxIncludedCents === 0) parts.push(`+ ${formatMoney(revenue.taxAddedCents)} tax`);
  if (revenue.taxIncludedCents > 0) parts.push(`incl. ${formatMoney(revenue.taxIncludedCents)} VAT`);
  return parts.join(" · ");
}

export function KpiCards({ stats, unpaidCheckouts }: { stats: OrderStats; unpaidCheckouts: { awaitingPayment: number; expired: number } }) {
  const { revenue, timing } = stats;
  const unpaid = unpaidCheckouts.awaitingPayment + unpaidCheckouts.expired;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <Kpi
        testId="kpi-revenue"
        label={revenue.taxIncludedCents > 0 && revenue.taxAddedCents === 0 ? "Sales (menu prices, VAT included)" : "Sales (menu prices)"}
        value={formatMoney(revenue.subtotalCents)}
        hint={`${taxHint(revenue)} · ${revenue.orders} orders not cancelled · tips apart${unpaid ? ` · ${unpaid} unpaid online checkout${unpaid === 1 ? "" : "s"} not counted` : ""}`}
      />
      <Kpi testId="kpi-tips" label="Tips" value={formatMoney(revenue.tipCents)} hint="the staff's, not sales" />
      <Kpi testId="kpi-wait" label="Wait, placed → ready" value={formatDuration(timing.wait.avgMs)} hint={`average · p90 ${formatDuration(timing.wait.p90Ms)} · ${timing.wait.count} ready`} />
      <Kpi testId="kpi-prep" label="Prep, started → ready" value={formatDuration(timing.prep.avgMs)} hint={`average · p90 ${formatDuration(timing.prep.p90Ms)}`} />
      <Kpi testId="kpi-cancelled" label="Cancelled" value={String(stats.cancellations.count)} hint={stats.total ? `${Math.round((stats.cancellations.count / stats.total) * 100)} % of ${stats.total} orders` : "no orders"} />
    </div>
  );
}

const cell = "px-4 py-2.5";

function TimingCells({ row }: { row: TimingRow }) {
  return (
    <>
      <td className={`${cell} tabular-nums`}>{row.wait.count}</td>
      <td className={`${cell} tabular-nums`}>{formatDuration(row.wait.avgMs)}</td>
      <td className={`${cell} tabular-nums`}>{formatDuration(row.wait.p90Ms)}</td>
      <td className={`${cell} tabular-nums`}>{formatDuration(row.prep.avgMs)}</td>
      <td className={`${cell} tabular-nums`}>{formatDuration(row.prep.p90Ms)}</td>
    </>
  );
}

export function TimingTable({ stats }: { stats: OrderStats }) {
  return (
    <Section title="Wait and prep by drink">
      {stats.timing.wait.count === 0 ? (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">No order has been ready yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-line bg-surface">
          <table className="w-full min-w-[560px] text-left text-sm" data-testid="timing-table">
            <thead className="border-b border-line text-muted">
              <tr>
                {["Drink", "Ready orders", "Avg wait", "p90 wait", "Avg prep", "p90 prep"].map((h) => (
                  <th key={h} scope="col" className={`${cell} font-medium`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              <tr className="font-semibold">
                <th scope="row" className={cell}>All drinks</th>
                <TimingCells row={stats.timing} />
              </tr>
              {stats.timingByDrink.map((d) => (
                <tr key={d.name}>
                  <th scope="row" className={`${cell} font-normal`}>{d.name}</th>
                  <TimingCells row={d} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function RankedList({ title, items, empty, testId }: { title: string; items: RankedCount[]; empty: string; testId: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <Section title={title}>
      {items.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">{empty}</p>
      ) : (
        <ol className="space-y-2 rounded-2xl border border-line bg-surface p-4" data-testid={testId}>
          {items.map((i) => (
            <li key={i.name} className="grid grid-cols-[1fr_auto] items-center gap-x-3 text-sm">
              <span className="truncate">{i.name}</span>
              <span className="tabular-nums text-muted">{i.count}</span>
              <span aria-hidden="true" className="col-span-2 h-1.5 rounded-full bg-accent" style={{ width: `${(i.count / max) * 100}%` }} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function TopLists({ stats }: { stats: OrderStats }) {
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <RankedList title="Top drinks" items={stats.topDrinks} empty="No drinks sold yet." testId="top-drinks" />
      <RankedList title="Top options" items={stats.topOptions} empty="No options chosen yet." testId="top-options" />
      <RankedList title="Cancellation reasons" items={stats.cancellations.byReason} empty="Nothing cancelled." testId="cancel-reasons" />
    </div>
  );
}
