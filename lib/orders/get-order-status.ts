import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { OrderStatus, PaymentMethod, PaymentStatus, RefundStatus } from "../generated/prisma/enums.ts";
import { isFiredLate } from "../schedule/fire-lateness.ts";
import { describeWhen } from "../store/opening-hours.ts";
import { estimateEtaMinutes } from "./order-eta.ts";
import { readOrderProgress, type OrderProgress } from "./read-order-progress.ts";

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
  tipCents: number;
  /** The prices included the tax (VAT): taxCents is part of subtotalCents, not added to it. */
  taxIncluded: boolean;
  totalCents: number;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  /** The online checkout still to be paid (until expiresAt) while AWAITING_PAYMENT; null otherwise. */
  checkout: { expiresAt: string } | null;
  /** The money of a cancelled order paid online on its way back; null when none is owed. */
  refund: { status: RefundStatus; amountCents: number } | null;
  /** 1 = next; counts the open orders ahead in the kitchen's order. Only while PLACED or QUEUED. */
  queuePosition: number | null;
  /** Minutes until it should be ready, from today's recent prep times; null once READY or CANCELLED. */
  etaMinutes: number | null;
  /** The customer may still cancel (POST /api/orders/[token]/cancel): SCHEDULED, PLACED or QUEUED. */
  canCancel: boolean;
  /** The pickup slot it was ordered for (ISO); null = as soon as possible. */
  pickupAt: string | null;
  /** The pickup time as the customer reads it: "8:15", "8:15 tomorrow", "8:15 on Saturday". */
  pickupLabel: string | null;
  /** Sent to the kitchen late (no worker ran at its time): it may not be ready at pickupAt. */
  late: boolean;
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

type SummaryRow = {
  id: string;
  ticketNumber: number;
  customerName: string;
  subtotalCents: number;
  taxCents: number;
  tipCents: number;
  taxIncluded: boolean;
  totalCents: number;
  paymentMethod: PaymentMethod;
  pickupAt: Date | null;
  sms: boolean;
  email: boolean;
  items: { name: string; quantity: number; unitPriceCents: number; options: unknown; note: string | null }[];
};

/** What never changes once the order is placed: read once per status stream, on connect. */
export type OrderSummary = { orderId: string; pickup: { at: Date; timeZone: string } | null } & Pick<
  OrderStatusView,
  | "ticketNumber"
  | "customerName"
  | "subtotalCents"
  | "taxCents"
  | "tipCents"
  | "taxIncluded"
  | "totalCents"
  | "paymentMethod"
  | "items"
  | "notify"
>;

/** One statement with its items (every status page opens with it, so it is kept to one round trip). */
export async function readOrderSummary(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  where: { publicToken: string } | { id: string };
  /** STORE_TIMEZONE, the pickup time is told in. */
  timeZone: string;
}): Promise<OrderSummary | null> {
  const { where } = options;
  const match = "id" in where ? Prisma.sql`o."id" = ${where.id}::uuid` : Prisma.sql`o."publicToken" = ${where.publicToken}`;
  const [order] = await options.prisma.$queryRaw<SummaryRow[]>`
    SELECT o."id"::text AS "id", o."ticketNumber", o."customerName", o."subtotalCents", o."taxCents", o."tipCents",
      o."taxIncluded", o."totalCents", o."paymentMethod"::text AS "paymentMethod", o."pickupAt",
      COALESCE(o."phone", '') <> '' AS "sms", COALESCE(o."email", '') <> '' AS "email",
      COALESCE((
        SELECT json_agg(json_build_object('name', i."name", 'quantity', i."quantity", 'unitPriceCents', i."unitPriceCents",
          'options', i."options", 'note', i."note") ORDER BY i."position")
        FROM "OrderItem" i WHERE i."orderId" = o."id"
      ), '[]'::json) AS "items"
    FROM "Order" o WHERE ${match}`;
  if (!order) return null;
  return {
    orderId: order.id,
    ticketNumber: order.ticketNumber,
    customerName: order.customerName,
    subtotalCents: order.subtotalCents,
    taxCents: order.taxCents,
    tipCents: order.tipCents,
    taxIncluded: order.taxIncluded,
    totalCents: order.totalCents,
    paymentMethod: order.paymentMethod,
    pickup: order.pickupAt ? { at: order.pickupAt, timeZone: options.timeZone } : null,
    items: order.items.map((i) => ({
      name: i.name,
      quantity: i.quantity,
      unitPriceCents: i.unitPriceCents,
      options: optionNames(i.options),
      note: i.note,
    })),
    notify: { sms: order.sms, email: order.email },
  };
}

/** The view from its fixed part and its current progress (readOrderProgress). */
export function buildOrderStatusView(summary: OrderSummary, progress: OrderProgress, now: Date): OrderStatusView {
  const waiting = progress.status === "PLACED" || progress.status === "QUEUED";
  const queuePosition = waiting ? progress.queuePosition : null;
  return {
    ticketNumber: summary.ticketNumber,
    customerName: summary.customerName,
    status: progress.status,
    subtotalCents: summary.subtotalCents,
    taxCents: summary.taxCents,
    tipCents: summary.tipCents,
    taxIncluded: summary.taxIncluded,
    totalCents: summary.totalCents,
    paymentMethod: summary.paymentMethod,
    paymentStatus: progress.paymentStatus,
    checkout: progress.status === "AWAITING_PAYMENT" && progress.checkoutExpiresAt ? { expiresAt: progress.checkoutExpiresAt.toISOString() } : null,
    refund:
      progress.refundStatus && progress.refundAmountCents !== null ? { status: progress.refundStatus, amountCents: progress.refundAmountCents } : null,
    queuePosition,
    etaMinutes: estimateEtaMinutes({
      status: progress.status,
      queuePosition,
      medianPrepSeconds: progress.medianPrepSeconds,
      startedAt: progress.startedAt,
      now,
    }),
    canCancel: waiting || progress.status === "SCHEDULED",
    pickupAt: summary.pickup?.at.toISOString() ?? null,
    pickupLabel: summary.pickup ? describeWhen(summary.pickup.at, now, summary.pickup.timeZone) : null,
    late: isFiredLate(progress),
    placedAt: progress.placedAt.toISOString(),
    queuedAt: iso(progress.queuedAt),
    startedAt: iso(progress.startedAt),
    readyRequestedAt: iso(progress.readyRequestedAt),
    readyAt: iso(progress.readyAt),
    cancelledAt: iso(progress.cancelledAt),
    cancelReason: progress.cancelReason,
    items: summary.items,
    notify: summary.notify,
  };
}

export async function getOrderStatus(options: {
  prisma: PrismaClient;
  where: { publicToken: string } | { id: string };
  timeZone: string;
  now?: Date;
}): Promise<{ orderId: string; view: OrderStatusView } | null> {
  const summary = await readOrderSummary(options);
  if (!summary) return null;
  const progress = (await readOrderProgress({ prisma: options.prisma, ids: [summary.orderId] })).get(summary.orderId);
  if (!progress) return null;
  return { orderId: summary.orderId, view: buildOrderStatusView(summary, progress, options.now ?? new Date()) };
}

/** Tokens are 24 random bytes in base64url (32 characters); anything else cannot match. */
export const isPlausibleToken = (token: string) => /^[A-Za-z0-9_-]{16,64}$/.test(token);
