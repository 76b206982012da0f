import { CHANNEL_LABELS } from "../../lib/dashboard/delivery-stats.ts";
import type { NotificationView, Overview, QueueView } from "../../lib/dashboard/get-overview.ts";
import type { StatsOrder } from "../../lib/dashboard/stats.ts";
import type { WorkerView } from "../../lib/worker/list-worker-heartbeats.ts";
import type { WorkerSummary } from "../../lib/worker/summarize-workers.ts";
import { formatAge, formatClock } from "../format.ts";

// The kitchen's statuses: an online checkout not paid yet (or expired) is not an order here.
const STATUS_LABELS: [StatsOrder["status"], string][] = [
  ["PLACED", "Placed"],
  ["QUEUED", "Queued"],
  ["IN_PROGRESS", "In progress"],
  ["READY", "Ready"],
  ["CANCELLED", "Cancelled"],
];

export function Section({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 id={id} className="text-sm font-semibold uppercase tracking-[0.14em] text-muted">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** A section holding a table, or a dashed note in its place when there are no rows. */
export function TableSection({ title, headers, isEmpty, emptyText, minWidth, testId, aside, children }: {
  title: string;
  headers: readonly string[];
  isEmpty: boolean;
  emptyText: string;
  /** A literal Tailwind class ("min-w-[560px]"), so the build sees it. */
  minWidth: string;
  testId?: string;
  aside?: React.ReactNode;
  /** The body's rows. */
  children: React.ReactNode;
}) {
  return (
    <Section title={title} aside={aside}>
      {isEmpty ? (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">{emptyText}</p>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-line bg-surface">
          <table className={`w-full ${minWidth} text-left text-sm`} data-testid={testId}>
            <thead className="border-b border-line text-muted">
              <tr>
                {headers.map((h, i) => (
                  <th key={i} scope="col" className="px-4 py-3 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">{children}</tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function StatusCounts({ counts, title = "Orders today" }: { counts: Record<StatsOrder["status"], number>; title?: string }) {
  return (
    <Section title={title}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="status-counts">
        {STATUS_LABELS.map(([status, label]) => (
          <div key={status} className="rounded-2xl border border-line bg-surface p-4">
            <dt className="text-sm text-muted">{label}</dt>
            <dd className={`mt-1 text-3xl font-semibold tabular-nums ${status === "READY" ? "text-ready" : ""}`} data-status={status}>
              {counts[status]}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function QueueCard({ queue }: { queue: QueueView }) {
  const { depth } = queue;
  const alarming = queue.isDeadLetter && depth.status === "ok" && depth.visible > 0;
  return (
    <div className={`rounded-2xl border p-4 ${alarming ? "border-danger bg-danger-soft" : "border-line bg-surface"}`} data-testid="queue-depth">
      <p className="text-sm text-muted">{queue.label}</p>
      {depth.status === "ok" ? (
        <>
          <p className={`mt-1 text-3xl font-semibold tabular-nums ${alarming ? "text-danger" : ""}`}>{depth.visible}</p>
          <p className="text-xs text-muted">
            waiting · {depth.inFlight} in flight{depth.delayed ? ` · ${depth.delayed} delayed` : ""}
          </p>
        </>
      ) : depth.status === "unavailable" ? (
        <>
          <p className="mt-1 text-xl font-semibold text-warn">unavailable</p>
          <p className="truncate text-xs text-muted" title={depth.error}>
            queue server not answering
          </p>
        </>
      ) : (
        <p className="mt-1 text-xl font-semibold text-muted">not configured</p>
      )}
    </div>
  );
}

export function QueueCards({ queues, outbox }: { queues: QueueView[]; outbox: Overview["outbox"] }) {
  return (
    <Section title="Queues">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {queues.map((q) => (
          <QueueCard key={q.label} queue={q} />
        ))}
        <div className="col-span-2 rounded-2xl border border-line bg-surface p-4 lg:col-span-1">
          <p className="text-sm text-muted">Outbox</p>
          <p className="mt-1 text-3xl font-semibold tabular-nums">{outbox.unsent}</p>
          <p className="text-xs text-muted">
            unsent · {outbox.unprocessed} awaiting worker{outbox.abandoned ? ` · ${outbox.abandoned} abandoned` : ""}
          </p>
        </div>
      </div>
    </Section>
  );
}

/** Shown while no worker beats: orders are still taken, but nothing reaches the kitchen. */
export function WorkerDownBanner({ summary, now, timeZone }: { summary: WorkerSummary; now: Date; timeZone: string }) {
  if (summary.status === "up") return null;
  const since = summary.downSince
    ? `has been down since ${formatClock(summary.downSince, timeZone)} (${formatAge(now.getTime() - Date.parse(summary.downSince))})`
    : "has not started yet";
  return (
    <div role="alert" data-testid="worker-down-banner" className="rounded-2xl border border-danger bg-danger-soft px-4 py-3 text-danger">
      <p className="font-medium">The barista worker {since}.</p>
      <p className="text-sm">
        Customers can still order: their orders wait safely in the queue and reach the kitchen display as soon as a worker runs again. Under{" "}
        <code>npm start</code> the launcher restarts it by itself; if this stays, check the machine running Brewline.
      </p>
    </div>
  );
}

export function WorkersList({ workers }: { workers: WorkerView[] }) {
  const alive = workers.filter((w) => w.alive).length;
  return (
    <Section title="Workers" aside={<span className="text-sm text-muted">{alive} alive</span>}>
      {workers.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">No worker has checked in yet. Orders wait in the queue until one does.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {workers.map((w) => (
            <li key={w.workerId} className="rounded-2xl border border-line bg-surface p-4" data-testid="worker" data-alive={w.alive}>
              <div className="flex items-center gap-2">
                <span aria-hidden="true" className={`size-2.5 rounded-full ${w.alive ? "bg-ready" : w.stoppedAt ? "bg-line" : "bg-danger"}`} />
                <p className="truncate font-medium" title={w.workerId}>
                  {w.hostname} <span className="text-muted">pid {w.pid}</span>
                </p>
              </div>
              <p className="mt-1 text-sm text-muted">
                {w.stoppedAt ? "stopped" : w.alive ? "alive" : "not responding"} · last beat {formatAge(w.secondsSinceBeat * 1000)} ago
              </p>
              <p className="text-sm text-muted">
                {w.processed} processed · {w.failed} failed
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const NOTIFICATION_TONE: Record<NotificationView["status"], string> = {
  PENDING: "bg-surface-2 text-muted",
  SENDING: "bg-warn-soft text-warn",
  SENT: "bg-ready-soft text-ready",
  FAILED: "bg-danger-soft text-danger",
  SKIPPED: "bg-surface-2 text-muted",
};

/** Why a notification was not sent, or why it is being tried again; nothing once sent. */
function notificationReason(n: Pick<NotificationView, "status" | "lastError">): string | null {
  if (!n.lastError || n.status === "SENT") return null;
  return n.status === "PENDING" || n.status === "SENDING" ? `will retry: ${n.lastError}` : n.lastError;
}

export function NotificationsTable({ notifications, timeZone }: { notifications: NotificationView[]; timeZone: string }) {
  return (
    <TableSection
      title="Recent notifications"
      headers={["Time", "Ticket", "Channel", "To", "Status", "Reason"]}
      isEmpty={notifications.length === 0}
      emptyText="No notifications yet."
      minWidth="min-w-[560px]"
      testId="recent-notifications"
    >
      {notifications.map((n) => {
        const reason = notificationReason(n);
        return (
          <tr key={n.id} data-testid="notification" data-ticket={n.ticketNumber} data-channel={n.channel} data-status={n.status}>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{formatClock(n.createdAt, timeZone)}</td>
            <td className="px-4 py-3 tabular-nums">#{n.ticketNumber}</td>
            <td className="px-4 py-3">{CHANNEL_LABELS[n.channel]}</td>
            <td className="max-w-[200px] truncate px-4 py-3 font-mono text-xs">{n.recipient}</td>
            <td className="px-4 py-3">
              <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${NOTIFICATION_TONE[n.status]}`}>
                {n.status.toLowerCase()}
                {n.attempts > 1 ? ` ×${n.attempts}` : ""}
              </span>
            </td>
            <td className="max-w-[240px] truncate px-4 py-3 text-muted" title={reason ?? undefined} data-testid="notification-reason">
              {reason ?? "—"}
            </td>
          </tr>
        );
      })}
    </TableSection>
  );
}
