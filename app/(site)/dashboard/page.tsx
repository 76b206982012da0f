import type { Metadata } from "next";
import { AutoRefresh } from "../../../components/auto-refresh.tsx";
import { NotificationsTable, QueueCards, StatusCounts, WorkersList } from "../../../components/dashboard/overview-sections.tsx";
import { getConfig } from "../../../lib/config.ts";
import { getOverview } from "../../../lib/dashboard/get-overview.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { getWebTransport } from "../../../lib/http/web-context.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const config = getConfig();
  const overview = await getOverview({
    prisma: getPrisma(),
    sqs: getWebTransport().sqs,
    timeZone: config.STORE_TIMEZONE,
    queues: [
      { label: "Orders queue", url: config.ORDERS_QUEUE_URL },
      { label: "Orders DLQ", url: config.ORDERS_DLQ_URL, isDeadLetter: true },
      { label: "Notifications queue", url: config.NOTIFICATIONS_QUEUE_URL },
      { label: "Notifications DLQ", url: config.NOTIFICATIONS_DLQ_URL, isDeadLetter: true },
    ],
  });

  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 pb-16 pt-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Dashboard</h1>
          <p className="mt-1 text-muted">
            Business day {overview.businessDate} ({config.STORE_TIMEZONE}) · {overview.totalToday} orders
          </p>
        </div>
        <AutoRefresh renderedAt={overview.generatedAt} />
      </div>
      <StatusCounts counts={overview.counts} />
      <QueueCards queues={overview.queues} outbox={overview.outbox} />
      <WorkersList workers={overview.workers} />
      <NotificationsTable notifications={overview.notifications} timeZone={config.STORE_TIMEZONE} />
    </main>
  );
}
