import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilterForm, AuditTable, auditHref } from "../../../../components/dashboard/audit-table.tsx";
import { getConfig } from "../../../../lib/config.ts";
import { auditFilterSchema, listAuditLog } from "../../../../lib/dashboard/list-audit-log.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit log · Dashboard" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("manager", "/dashboard/audit");
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  // Unreadable filters are dropped (the schema's .catch), not an error page.
  const filter = auditFilterSchema.parse({ ticket: one(params.ticket), order: one(params.order), action: one(params.action), page: one(params.page) });
  const { entries, hasMore, actions } = await listAuditLog({ prisma: getPrisma(), filter });
  const pager = "inline-flex min-h-10 items-center rounded-lg border border-line bg-surface px-3 text-sm font-medium hover:bg-accent-soft";

  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 pb-16 pt-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-muted">Every order status change and every staff action, newest first.</p>
      </div>
      <AuditFilterForm filter={filter} actions={actions} />
      <AuditTable entries={entries} timeZone={getConfig().STORE_TIMEZONE} filter={filter} />
      <nav aria-label="Pages" className="flex items-center justify-between">
        {filter.page > 1 ? (
          <Link href={auditHref({ ...filter, page: filter.page - 1 })} className={pager} rel="prev">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        <span className="text-sm text-muted">Page {filter.page}</span>
        {hasMore ? (
          <Link href={auditHref({ ...filter, page: filter.page + 1 })} className={pager} rel="next">
            Older →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </main>
  );
}
