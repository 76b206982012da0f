import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { OrderStatus } from "../generated/prisma/enums.ts";
import { OPEN_STATUSES_SQL } from "../store/open-statuses.ts";
import { estimateEtaMinutes } from "./order-eta.ts";

// What the customer's status page shows. The internal order id is returned beside the
// view (the live stream needs it to match notifications) but is not part of the view:
// the customer's only handle on the order is the secret token in their status URL.

type OrderLineView = { name: string; quantity: number; unitPriceCents: number; options: string[]; note: string | null };

export type OrderStatusView = {
  ticketNumber: number;
  customerName: string;
  status: OrderStatus;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** 1 = next; counts the open orders ahead in the kitchen's order. Only while PLACED or QUEUED. */
  queuePosition: number | null;
  /** Minutes until it should be ready, from today's recent prep times; null once READY or CANCELLED. */
  etaMinutes: number | null;
  /** The customer may still cancel (POST /api/orders/[token]/cancel): PLACED or QUEUED. */
  canCancel: boolean;
  placedAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  readyRequestedAt: string | null;
  readyAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  items: OrderLineView[];
  /** Which channels the customer will be told on; never the contact details themselves. */
  notify: { sms: boolean; email: boolean };
};

/** OrderItem.options is a JSON snapshot of priced options; only the names are shown. */
function optionNames(options: unknown): string[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((o) => {
    if (typeof o === "string") return [o];
    if (o && typeof o === "object" && typeof (o as { name?: unknown }).name === "string") return [(o as { name: string }).name];
    return [];
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const select = {
  id: true,
  ticketNumber: true,
  customerName: true,
  status: true,
  subtotalCents: true,
  taxCents: true,
  totalCents: true,
  createdAt: true,
  queuedAt: true,
  startedAt: true,
  readyRequestedAt: true,
  readyAt: true,
  cancelledAt: true,
  cancelReason: true,
  phone: true,
  email: true,
  items: {
    orderBy: { position: "asc" },
    select: { name: true, quantity: true, unitPriceCents: true, options: true, note: true },
  },
} as const;

type QueueRow = { queuePosition: number | null; medianPrepSeconds: number | null };

/**
 * Where the order stands in the kitchen's queue (queued first, then placed; each by
 * queue time, then ticket) and the median time from queued to ready over the latest 20
 * ready orders of its business day: one statement, run beside the order's own read.
 */
async function readQueue(prisma: Pick<PrismaClient, "$queryRaw">, where: { publicToken: string } | { id: string }): Promise<QueueRow> {
  const match = "id" in where ? Prisma.sql`"id" = ${where.id}::uuid` : Prisma.sql`"publicToken" = ${where.publicToken}`;
  const [row] = await prisma.$queryRaw<QueueRow[]>`
    WITH me AS (
      SELECT "id", "status", "businessDate", "ticketNumber", COALESCE("queuedAt", 'infinity') AS "queuedAt" FROM "Order" WHERE ${match}
    )
    SELECT
      CASE WHEN me."status" IN ('PLACED', 'QUEUED') THEN 1 + (
        SELECT count(*) FROM "Order" o
        WHERE o."status" IN ${OPEN_STATUSES_SQL} AND o."id" <> me."id"
          AND (COALESCE(o."queuedAt", 'infinity'), o."businessDate", o."ticketNumber") < (me."queuedAt", me."businessDate", me."ticketNumber")
      )::int END AS "queuePosition",
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds) FROM (
        SELECT extract(epoch FROM o."readyAt" - o."queuedAt")::float8 AS seconds FROM "Order" o
        WHERE o."businessDate" = me."businessDate" AND o."status" = 'READY' AND o."queuedAt" IS NOT NULL AND o."readyAt" IS NOT NULL
        ORDER BY o."readyAt" DESC LIMIT 20
      ) r) AS "medianPrepSeconds"
    FROM me`;
  return row ?? { queuePosition: null, medianPrepSeconds: null };
}

export async function getOrderStatus(options: {
  prisma: PrismaClient;
  where: { publicToken: string } | { id: string };
  now?: Date;
}): Promise<{ orderId: string; view: OrderStatusView } | null> {
  const [order, queue] = await Promise.all([
    options.prisma.order.findUnique({ where: options.where, select }),
    readQueue(options.prisma, options.where),
  ]);
  if (!order) return null;
  const waiting = order.status === "PLACED" || order.status === "QUEUED";
  const queuePosition = waiting ? queue.queuePosition : null;
  return {
    orderId: order.id,
    view: {
      ticketNumber: order.ticketNumber,
      customerName: order.customerName,
      status: order.status,
      subtotalCents: order.subtotalCents,
      taxCents: order.taxCents,
      totalCents: order.totalCents,
      queuePosition,
      etaMinutes: estimateEtaMinutes({
        status: order.status,
        queuePosition,
        medianPrepSeconds: queue.medianPrepSeconds,
        startedAt: order.startedAt,
        now: options.now ?? new Date(),
      }),
      canCancel: waiting,
      placedAt: order.createdAt.toISOString(),
      queuedAt: iso(order.queuedAt),
      startedAt: iso(order.startedAt),
      readyRequestedAt: iso(order.readyRequestedAt),
      readyAt: iso(order.readyAt),
      cancelledAt: iso(order.cancelledAt),
      cancelReason: order.cancelReason,
      items: order.items.map((i) => ({
        name: i.name,
        quantity: i.quantity,
        unitPriceCents: i.unitPriceCents,
        options: optionNames(i.options),
        note: i.note,
      })),
      notify: { sms: Boolean(order.phone), email: Boolean(order.email) },
    },
  };
}

/** Tokens are 24 random bytes in base64url (32 characters); anything else cannot match. */
export const isPlausibleToken = (token: string) => /^[A-Za-z0-9_-]{16,64}$/.test(token);
