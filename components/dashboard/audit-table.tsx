import Link from "next/link";
import type { AuditEntry, AuditFilter } from "../../lib/dashboard/list-audit-log.ts";

const fmt = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" }).format(new Date(iso));

export function auditHref(filter: Partial<AuditFilter>): string {
  const q = new URLSearchParams();
  if (filter.ticket !== undefined) q.set("ticket", String(filter.ticket));
  if (filter.order) q.set("order", filter.order);
  if (filter.action) q.set("action", filter.action);
  if (filter.page && filter.page > 1) q.set("page", String(filter.page));
  const s = q.toString();
  return `/dashboard/audit${s ? `?${s}` : ""}`;
}

export function AuditFilterForm({ filter, actions }: { filter: AuditFilter; actions: string[] }) {
  return (
    <form method="get" action="/dashboard/audit" className="flex flex-wrap items-end gap-2" aria-label="Filter the audit log">
      <label className="text-sm text-muted">
        Ticket
        <input name="ticket" inputMode="numeric" defaultValue={filter.ticket ?? ""} className="mt-1 block min-h-10 w-28 rounded-lg border border-line bg-surface px-2 text-ink" />
      </label>
      <label className="text-sm text-muted">
        Action
        <select name="action" defaultValue={filter.action ?? ""} className="mt-1 block min-h-10 rounded-lg border border-line bg-surface px-2 text-ink">
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {filter.order ? <input type="hidden" name="order" value={filter.order} /> : null}
      <button type="submit" className="min-h-10 rounded-lg bg-accent px-3 text-sm font-semibold text-accent-ink">
        Filter
      </button>
      {filter.ticket !== undefined || filter.order || filter.action ? (
        <Link href="/dashboard/audit" className="inline-flex min-h-10 items-center px-2 text-sm font-medium text-accent">
          Clear
        </Link>
      ) : null}
    </form>
  );
}

export function AuditTable({ entries, timeZone, filter }: { entries: AuditEntry[]; timeZone: string; filter: AuditFilter }) {
  if (entries.length === 0) return <p className="rounded-2xl border border-dashed border-line p-5 text-muted">Nothing recorded for this filter.</p>;
  return (
    <div className="overflow-x-auto rounded-2xl border border-line bg-surface">
      <table className="w-full min-w-[640px] text-left text-sm" data-testid="audit-log">
        <thead className="border-b border-line text-muted">
          <tr>
            {["When", "Who", "Action", "Ticket", "What"].map((h) => (
              <th key={h} scope="col" className="px-4 py-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
              <td className="whitespace-nowrap px-4 py-2.5 tabular-nums">{fmt(e.at, timeZone)}</td>
              <td className="px-4 py-2.5">{e.actor ?? <span className="text-muted">system</span>}</td>
              <td className="px-4 py-2.5 font-mono text-xs">
                <Link href={auditHref({ ...filter, action: e.action, page: 1 })} className="hover:underline">
                  {e.action}
                </Link>
              </td>
              <td className="px-4 py-2.5 tabular-nums">
                {e.orderId && e.ticketNumber !== null ? (
                  <Link href={auditHref({ order: e.orderId })} className="text-accent hover:underline" title="This order's history">
                    #{e.ticketNumber}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-4 py-2.5">{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
