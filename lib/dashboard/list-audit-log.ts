import { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

// The audit page: order status changes (written by the database trigger order_audit)
// and staff actions (recordStaffAction), newest first.

const AUDIT_PAGE_SIZE = 50;

export const auditFilterSchema = z.object({
  // Ticket numbers restart every business day, so a ticket alone may match several orders.
  ticket: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  order: z.uuid().optional().catch(undefined),
  action: z.string().trim().max(80).regex(/^[a-z0-9_.]+$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditEntry = {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  orderId: string | null;
  ticketNumber: number | null;
  summary: string;
};

export async function listAuditLog(options: {
  prisma: PrismaClient;
  filter: AuditFilter;
  pageSize?: number;
}): Promise<{ entries: AuditEntry[]; hasMore: boolean; actions: string[] }> {
  const { prisma, filter } = options;
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  const and: Prisma.AuditLogWhereInput[] = [];
  // "order." lists every action of a family.
  if (filter.action) and.push({ action: filter.action.endsWith(".") ? { startsWith: filter.action } : filter.action });
  if (filter.order) and.push({ orderId: filter.order });
  if (filter.ticket !== undefined) {
    const orders = await prisma.order.findMany({ where: { ticketNumber: filter.ticket }, select: { id: true }, take: 500 });
    and.push({ orderId: { in: orders.map((o) => o.id) } });
  }
  const where: Prisma.AuditLogWhereInput = { AND: and };
  const [rows, actions] = await Promise.all([
    prisma.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * pageSize,
      take: pageSize + 1,
    }),
    prisma.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 100 }),
  ]);
  const page = rows.slice(0, pageSize);
  const orderIds = [...new Set(page.flatMap((r) => (r.orderId ? [r.orderId] : [])))];
  const tickets = new Map(
    (await prisma.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, ticketNumber: true } })).map((o) => [o.id, o.ticketNumber]),
  );
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorName,
      action: r.action,
      orderId: r.orderId,
      ticketNumber: r.orderId ? (tickets.get(r.orderId) ?? null) : null,
      summary: r.summary,
    })),
    hasMore: rows.length > pageSize,
    actions: actions.map((a) => a.action),
  };
}
