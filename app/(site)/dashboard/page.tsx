import type { Metadata } from "next";
import { DateRangeForm } from "../../../components/dashboard/date-range-form.tsx";
import { LiveRefresh } from "../../../components/dashboard/live-refresh.tsx";
import { RefundsNeedingAttention, RefundsTable, TipsTable } from "../../../components/dashboard/money-sections.tsx";
import { OrdersPerHourChart } from "../../../components/dashboard/orders-per-hour-chart.tsx";
import { Section, StatusCounts, WorkerDownBanner } from "../../../components/dashboard/overview-sections.tsx";
import { DeadLetterBanner } from "../../../components/dashboard/pipeline-sections.tsx";
import { KpiCards, TimingTable, TopLists } from "../../../components/dashboard/report-sections.tsx";
import { getConfig } from "../../../lib/config.ts";
import { parseDateRange, type DateRange } from "../../../lib/dashboard/date-range.ts";
import { countUnpaidCheckouts, listOrdersInRange } from "../../../lib/dashboard/list-orders-in-range.ts";
import { listRefunds } from "../../../lib/dashboard/list-refunds.ts";
import { computeOrderStats } from "../../../lib/dashboard/stats.ts";
import { computeTips } from "../../../lib/dashboard/tips.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { listDeadLetters } from "../../../lib/dlq/list-dead-letters.ts";
import { isAppError } from "../../../lib/errors.ts";
import { businessDate } from "../../../lib/orders/business-date.ts";
import { listWorkerHeartbeats } from "../../../lib/worker/list-worker-heartbeats.ts";
import { summarizeWorkers } from "../../../lib/worker/summarize-workers.ts";
import { requireStaffPage } from "../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffPage("manager", "/dashboard");
  const config = getConfig();
  const timeZone = config.STORE_TIMEZONE;
  const prisma = getPrisma();
  const params = await searchParams;
  const now = new Date();
  const today = businessDate(now, timeZone);
  let range: DateRange = { from: today, to: today };
  let rangeError: string | null = null;
  try {
    range = parseDateRange({ from: first(params.from), to: first(params.to) }, { timeZone });
  } catch (error) {
    if (!isAppError(error)) throw error;
    rangeError = error.message;
  }
  const [orders, unpaidCheckouts, refunds, deadLetters, workers] = await Promise.all([
    listOrdersInRange({ prisma, range }),
    countUnpaidCheckouts({ prisma, range }),
    listRefunds({ prisma, range, now }),
    listDeadLetters({ prisma }),
    listWorkerHeartbeats({ prisma, now, take: 50 }),
  ]);
  const stats = computeOrderStats(orders, timeZone);
  const tips = computeTips(orders);
  const live = range.to >= today;
  const single = range.from === range.to;
  const title = single ? (range.from === today ? "Today" : range.from) : `${range.from} – ${range.to}`;

  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 pb-16 pt-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-1 text-muted">
            {single ? "Business day" : "Business days"} in {timeZone} · {stats.total} orders
          </p>
        </div>
        {live ? <LiveRefresh /> : <p className="text-sm text-muted">Past days: not live</p>}
      </div>
      <WorkerDownBanner summary={summarizeWorkers(workers)} now={now} timeZone={timeZone} />
      <DeadLetterBanner deadLetters={deadLetters} />
      <RefundsNeedingAttention refunds={refunds.needsAttention} timeZone={timeZone} />
      <DateRangeForm range={range} today={today} />
      {rangeError ? (
        <p role="alert" className="text-sm text-danger">
          {rangeError}; showing today.
        </p>
      ) : null}
      <KpiCards stats={stats} unpaidCheckouts={unpaidCheckouts} />
      <StatusCounts counts={stats.counts} title={single && range.from === today ? "Orders today" : "Orders by status"} />
      <Section title={single ? "Orders per hour" : "Orders per hour of the day (all days)"}>
        <div className="rounded-2xl border border-line bg-surface p-4">
          <OrdersPerHourChart perHour={stats.perHour} />
        </div>
      </Section>
      <TimingTable stats={stats} />
      <TopLists stats={stats} />
      <TipsTable tips={tips} />
      <RefundsTable refunds={refunds.inRange} timeZone={timeZone} />
    </main>
  );
}
