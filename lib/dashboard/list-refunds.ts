import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { RefundStatus } from "../generated/prisma/enums.ts";
import { dateOnly } from "../orders/business-date.ts";
import type { DateRange } from "./date-range.ts";

// The dashboard's refunds: those of the range's orders (by the order's business date, as
// the CSV rows), and every refund that needs a manager whatever its date: FAILED ones
// (the provider said no; a manager may Retry) and PENDING ones the worker has held too
// long (the queue still owns those: they are shown, not retried from here).

/** A PENDING refund older than this is late: the worker normally settles one within seconds. */
const REFUND_PENDING_TOO_LONG_MS = 10 * 60_000;

const ATTENTION_LIMIT = 100;
const RANGE_LIMIT = 500;

export type RefundView = {
  orderId: string;
  ticketNumber: number;
  businessDate: string;
  amountCents: number;
  status: RefundStatus;
  attempt: number;
  providerRefundId: string | null;
  lastError: string | null;
  requestedAt: string;
  settledAt: string | null;
  /** PENDING for longer than REFUND_PENDING_TOO_LONG_MS. */
  late: boolean;
};

export type RefundsReport = { inRange: RefundView[]; needsAttention: RefundView[] };

const select = {
  orderId: true,
  amountCents: true,
  status: true,
  attempt: true,
  providerRefundId: true,
  lastError: true,
  requestedAt: true,
  settledAt: true,
  order: { select: { ticketNumber: true, businessDate: true } },
} satisfies Prisma.RefundSelect;

type Row = Prisma.RefundGetPayload<{ select: typeof select }>;

export async function listRefunds(options: { prisma: PrismaClient; range: DateRange; now?: Date }): Promise<RefundsReport> {
  const { prisma, range } = options;
  const lateBefore = new Date((options.now ?? new Date()).getTime() - REFUND_PENDING_TOO_LONG_MS);
  const [inRange, needsAttention] = await Promise.all([
    prisma.refund.findMany({
      where: { order: { businessDate: { gte: dateOnly(range.from), lte: dateOnly(range.to) } } },
      orderBy: { requestedAt: "desc" },
      take: RANGE_LIMIT,
      select,
    }),
    prisma.refund.findMany({
      where: { OR: [{ status: "FAILED" }, { status: "PENDING", requestedAt: { lt: lateBefore } }] },
      orderBy: { requestedAt: "asc" },
      take: ATTENTION_LIMIT,
      select,
    }),
  ]);
  const view = (r: Row): RefundView => ({
    orderId: r.orderId,
    ticketNumber: r.order.ticketNumber,
    businessDate: r.order.businessDate.toISOString().slice(0, 10),
    amountCents: r.amountCents,
    status: r.status,
    attempt: r.attempt,
    providerRefundId: r.providerRefundId,
    lastError: r.lastError,
    requestedAt: r.requestedAt.toISOString(),
    settledAt: r.settledAt?.toISOString() ?? null,
    late: r.status === "PENDING" && r.requestedAt < lateBefore,
  });
  return { inRange: inRange.map(view), needsAttention: needsAttention.map(view) };
}
