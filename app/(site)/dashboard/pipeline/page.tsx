import type { Metadata } from "next";
import { AutoRefresh } from "../../../../components/auto-refresh.tsx";
import { DeliveryStatsTables } from "../../../../components/dashboard/delivery-stats-table.tsx";
import { NotificationsTable, QueueCards, WorkerDownBanner, WorkersList } from "../../../../components/dashboard/overview-sections.tsx";
import { DeadLetterBanner, DeadLettersTable, FailedNotificationsTable, PipelineAges, SkippedNotificationsTable } from "../../../../components/dashboard/pipeline-sections.tsx";
import { getConfig } from "../../../../lib/config.ts";
import { getPipelineHealth } from "../../../../lib/dashboard/get-pipeline-health.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getWebTransport } from "../../../../lib/http/web-context.ts";
import { summarizeWorkers } from "../../../../lib/worker/summarize-workers.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Pipeline · Dashboard" };

// Queue depths live in SQS, not Postgres, so no database notification announces them:
// this page polls (AutoRefresh, 5 s) instead of listening.
export default async function PipelinePage() {
  await requireStaffPage("manager", "/dashboard/pipeline");
  const config = getConfig();
  const health = await getPipelineHealth({
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
          <h1 className="text-3xl font-semibold tracking-tight">Pipeline</h1>
          <p className="mt-1 text-muted">Orders queue → worker → events → customer notifications</p>
        </div>
        <AutoRefresh renderedAt={health.generatedAt} />
      </div>
      <WorkerDownBanner summary={summarizeWorkers(health.workers)} now={new Date(health.generatedAt)} timeZone={config.STORE_TIMEZONE} />
      <DeadLetterBanner deadLetters={health.deadLetters} />
      <QueueCards queues={health.queues} outbox={health.outbox} />
      <PipelineAges health={health} />
      <DeadLettersTable deadLetters={health.deadLetters} timeZone={config.STORE_TIMEZONE} />
      <WorkersList workers={health.workers} />
      <DeliveryStatsTables stats={health.delivery} timeZone={config.STORE_TIMEZONE} />
      <FailedNotificationsTable notifications={health.failedNotifications} timeZone={config.STORE_TIMEZONE} />
      <SkippedNotificationsTable skipped={health.skippedNotifications} timeZone={config.STORE_TIMEZONE} />
      <NotificationsTable notifications={health.notifications} timeZone={config.STORE_TIMEZONE} />
    </main>
  );
}
