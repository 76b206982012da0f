import type { PrismaClient } from "../generated/prisma/client.ts";
import { readOrderItemOptions } from "../messages/order-item-options.ts";
import { dateOnly } from "../orders/business-date.ts";
import type { CsvOrder } from "./orders-csv.ts";
import type { DateRange } from "./date-range.ts";
import type { StatsOrder } from "./stats.ts";
import type { TipsOrder } from "./tips.ts";
import { ORDER_AMOUNTS_SELECT } from "../money/money-format.ts";

export type RangeOrder = StatsOrder & CsvOrder & TipsOrder & { id: string; cancelledBy: string | null };

/**
 * Online checkouts that were never paid (awaiting payment, or expired) never reached the
 * kitchen: they are not sales and not orders in any count, average or CSV row.
 */
export const NOT_SALES = ["AWAITING_PAYMENT", "PAYMENT_EXPIRED"] as const;

type KitchenStatus = StatsOrder["status"];
const isKitchenStatus = (status: string): status is KitchenStatus => !(NOT_SALES as readonly string[]).includes(status);

const inRange = (range: DateRange) => ({ gte: dateOnly(range.from), lte: dateOnly(range.to) });

/** Every order of the business dates in range (store calendar) that reached the kitchen, oldest first, with its items. */
export async function listOrdersInRange(options: { prisma: PrismaClient; range: DateRange }): Promise<RangeOrder[]> {
  const rows = await options.prisma.order.findMany({
    where: { businessDate: inRange(options.range), status: { notIn: [...NOT_SALES] } },
    orderBy: [{ businessDate: "asc" }, { ticketNumber: "asc" }],
    select: {
      id: true,
      businessDate: true,
      ticketNumber: true,
      status: true,
      source: true,
      customerName: true,
      createdAt: true,
      startedAt: true,
      readyAt: true,
      cancelledAt: true,
      cancelReason: true,
      cancelledBy: true,
      claimedBy: true,
      ...ORDER_AMOUNTS_SELECT,
      paymentMethod: true,
      paymentStatus: true,
      refund: { select: { status: true } },
      items: { orderBy: { position: "asc" }, select: { name: true, quantity: true, options: true } },
    },
  });
  return rows.flatMap(({ status, refund, ...r }) =>
    isKitchenStatus(status)
      ? [
          {
            ...r,
            status,
            refundStatus: refund?.status ?? null,
            businessDate: r.businessDate.toISOString().slice(0, 10),
            items: r.items.map((i) => ({ name: i.name, quantity: i.quantity, options: readOrderItemOptions(i.options) })),
          },
        ]
      : [],
  );
}

/** Online checkouts of the range that never reached the kitchen, by status: shown apart, never as sales. */
export async function countUnpaidCheckouts(options: { prisma: PrismaClient; range: DateRange }): Promise<{ awaitingPayment: number; expired: number }> {
  const grouped = await options.prisma.order.groupBy({
    by: ["status"],
    where: { businessDate: inRange(options.range), status: { in: [...NOT_SALES] } },
    _count: { _all: true },
  });
  const count = (status: (typeof NOT_SALES)[number]) => grouped.find((g) => g.status === status)?._count._all ?? 0;
  return { awaitingPayment: count("AWAITING_PAYMENT"), expired: count("PAYMENT_EXPIRED") };
}
