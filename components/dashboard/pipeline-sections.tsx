import Link from "next/link";
import { CHANNEL_LABELS } from "../../lib/dashboard/delivery-stats.ts";
import type { NotificationView } from "../../lib/dashboard/get-overview.ts";
import type { FailedNotificationView, PipelineHealth } from "../../lib/dashboard/get-pipeline-health.ts";
import type { SkippedNotifications } from "../../lib/dashboard/list-skipped-notifications.ts";
import type { DeadLetterView } from "../../lib/dlq/list-dead-letters.ts";
import { formatAge, formatClock } from "../format.ts";
import { Section, TableSection } from "./overview-sections.tsx";
import { PostButton } from "./post-button.tsx";

const waiting = (dead: readonly DeadLetterView[]) => dead.filter((d) => !d.redrivenAt);

/** Shown on every dashboard page that reads the pipeline while a dead-letter queue holds messages. */
export function DeadLetterBanner({ deadLetters }: { deadLetters: readonly DeadLetterView[] }) {
  const dead = waiting(deadLetters);
  if (dead.length === 0) return null;
  const queues = [...new Set(dead.map((d) => d.queue))].join(" and ");
  return (
    <div role="alert" data-testid="dlq-banner" className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-danger bg-danger-soft px-4 py-3 text-danger">
      <p className="font-medium">
        {dead.length} message{dead.length === 1 ? "" : "s"} in the {queues} dead-letter queue: the worker gave up on {dead.length === 1 ? "it" : "them"}.
      </p>
      <Link href="/dashboard/pipeline#section-dead-letters" className="min-h-10 content-center rounded-lg px-2 font-semibold underline">
        See why and redrive
      </Link>
    </div>
  );
}

export function PipelineAges({ health }: { health: Pick<PipelineHealth, "oldestPlaced" | "oldestUnprocessed"> }) {
  const late = (health.oldestPlaced?.ageMs ?? 0) > 60_000;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className={`rounded-2xl border p-4 ${late ? "border-warn bg-warn-soft" : "border-line bg-surface"}`} data-testid="oldest-placed">
        <p className="text-sm text-muted">Oldest order waiting for the worker</p>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{health.oldestPlaced ? formatAge(health.oldestPlaced.ageMs) : "none"}</p>
        <p className="text-xs text-muted">{health.oldestPlaced ? `ticket #${health.oldestPlaced.ticketNumber}, still placed` : "every order has reached the kitchen"}</p>
      </div>
      <div className="rounded-2xl border border-line bg-surface p-4">
        <p className="text-sm text-muted">Oldest orders-queue message not handled</p>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{health.oldestUnprocessed ? formatAge(health.oldestUnprocessed.ageMs) : "none"}</p>
        <p className="text-xs text-muted">{health.oldestUnprocessed ? health.oldestUnprocessed.type : "the queue is caught up"} (from the outbox; SQS reports no age)</p>
      </div>
    </div>
  );
}

export function DeadLettersTable({ deadLetters, timeZone }: { deadLetters: DeadLetterView[]; timeZone: string }) {
  const ids = waiting(deadLetters).filter((d) => !d.redriveRequestedAt).map((d) => d.messageId);
  return (
    <Section
      title="Dead letters"
      aside={ids.length > 1 ? <PostButton url="/api/dashboard/dead-letters/redrive" body={{ messageIds: ids }} label={`Redrive all ${ids.length}`} pendingLabel="Requesting…" testId="redrive-all" /> : null}
    >
      {deadLetters.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">Both dead-letter queues are empty.</p>
      ) : (
        <ul className="space-y-3" data-testid="dead-letters">
          {deadLetters.map((d) => (
            <li key={d.messageId} className="rounded-2xl border border-line bg-surface p-4" data-testid="dead-letter" data-message-id={d.messageId}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {d.type ?? "unreadable message"} <span className="text-muted">· {d.queue} queue</span>
                    {d.orderId ? <span className="font-mono text-xs text-muted"> · order {d.orderId.slice(0, 8)}</span> : null}
                  </p>
                  <p className="mt-1 text-sm text-danger" data-testid="dead-letter-error">
                    {d.error ?? "no handler error recorded (dead-lettered before this dashboard existed, or by another consumer)"}
                  </p>
                  <p className="mt-1 text-xs text-muted">
                    {d.receiveCount ? `${d.receiveCount} receives · ` : ""}
                    {d.sentAt ? `sent ${formatClock(d.sentAt, timeZone)} · ` : ""}in the DLQ since {formatClock(d.firstSeenAt, timeZone)}
                  </p>
                </div>
                <div className="shrink-0 text-sm" data-testid="dead-letter-state">
                  {d.redrivenAt ? (
                    <span className="rounded-full bg-ready-soft px-2.5 py-0.5 font-semibold text-ready">redriven {formatClock(d.redrivenAt, timeZone)}</span>
                  ) : d.redriveRequestedAt ? (
                    <span className="rounded-full bg-warn-soft px-2.5 py-0.5 font-semibold text-warn">redrive requested by {d.redriveRequestedBy ?? "a manager"}</span>
                  ) : (
                    <PostButton url="/api/dashboard/dead-letters/redrive" body={{ messageIds: [d.messageId] }} label="Redrive" pendingLabel="Requesting…" testId="redrive" />
                  )}
                </div>
              </div>
              <details className="mt-2 text-xs">
                <summary className="cursor-pointer text-muted">Message body</summary>
                <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-surface-2 p-2 font-mono">{d.bodyPreview}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Time, ticket, event, channel and (masked) recipient: the first cells of a notification's row. */
function NotificationCells({ n, timeZone }: { n: NotificationView; timeZone: string }) {
  return (
    <>
      <td className="whitespace-nowrap px-4 py-3 tabular-nums">{formatClock(n.createdAt, timeZone)}</td>
      <td className="px-4 py-3 tabular-nums">#{n.ticketNumber}</td>
      <td className="px-4 py-3">{n.event}</td>
      <td className="px-4 py-3">{CHANNEL_LABELS[n.channel]}</td>
      <td className="max-w-[200px] truncate px-4 py-3 font-mono text-xs">{n.recipient}</td>
    </>
  );
}

export function FailedNotificationsTable({ notifications, timeZone }: { notifications: FailedNotificationView[]; timeZone: string }) {
  return (
    <TableSection
      title="Failed notifications"
      headers={["Time", "Ticket", "Event", "Channel", "To", "Attempts", "Error", ""]}
      isEmpty={notifications.length === 0}
      emptyText="No notification has failed."
      minWidth="min-w-[640px]"
      testId="failed-notifications"
    >
      {notifications.map((n) => (
        <tr key={n.id} data-testid="failed-notification" data-ticket={n.ticketNumber}>
          <NotificationCells n={n} timeZone={timeZone} />
          <td className="px-4 py-3 tabular-nums">{n.attempts}</td>
          <td className="max-w-[260px] truncate px-4 py-3 text-danger" title={n.lastError ?? undefined}>
            {n.lastError ?? "—"}
          </td>
          <td className="px-4 py-3">
            {n.resendPending ? (
              <span className="text-warn">resend on its way</span>
            ) : (
              <PostButton url={`/api/dashboard/notifications/${n.id}/resend`} label="Resend" pendingLabel="Sending…" testId="resend" />
            )}
          </td>
        </tr>
      ))}
    </TableSection>
  );
}

/** Not sent on purpose; many to one recipient means someone tried to message them through the shop. */
export function SkippedNotificationsTable({ skipped, timeZone }: { skipped: SkippedNotifications; timeZone: string }) {
  return (
    <TableSection
      title="Skipped notifications"
      headers={["Time", "Ticket", "Event", "Channel", "To", "Reason"]}
      isEmpty={skipped.recent.length === 0}
      emptyText="No notification has been held back."
      minWidth="min-w-[640px]"
      testId="skipped-notifications"
      aside={
        <span className={`text-sm ${skipped.dailyLimitToday > 0 ? "font-semibold text-warn" : "text-muted"}`} data-testid="skipped-today">
          {skipped.dailyLimitToday} skipped today (daily limit)
        </span>
      }
    >
      {skipped.recent.map((n) => (
        <tr key={n.id} data-testid="skipped-notification" data-ticket={n.ticketNumber}>
          <NotificationCells n={n} timeZone={timeZone} />
          <td className="max-w-[260px] truncate px-4 py-3 text-muted" title={n.lastError ?? undefined}>
            {n.lastError ?? "—"}
          </td>
        </tr>
      ))}
    </TableSection>
  );
}
