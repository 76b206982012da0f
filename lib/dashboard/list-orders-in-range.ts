import type { PrismaClient } from "../generated/prisma/client.ts";
import { dateOnly } from "../orders/business-date.ts";
import type { CsvOrder } from "./orders-csv.ts";
import type { DateRange } from "./date-range.ts";
import type { StatsOrder, StatsOption } from "./stats.ts";

export type RangeOrder = StatsOrder & CsvOrder & { id: string; cancelledBy: string | null };

// OrderItem.options is a JSON snapshot; older rows may lack isDefault (see price-order.ts).
function readOptions(value: unknown): StatsOption[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o: unknown) => {
    if (!o || typeof o !== "object" || typeof (o as { name?: unknown }).name !== "string") return [];
    const { name, isDefault } = o as { name: string; isDefault?: unknown };
    return [{ name, isDefault: isDefault === true }];
  });
}

/** Every order of the business dates in range (store calendar), oldest first, with its items. */
export async function listOrdersInRange(options: { prisma: PrismaClient; range: DateRange }): Promise<RangeOrder[]> {
  const rows = await options.prisma.order.findMany({
    where: { businessDate: { gte: dateOnly(options.range.from), lte: dateOnly(options.range.to) } },
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
      subtotalCents: true,
      taxCents: true,
      totalCents: true,
      items: { orderBy: { position: "asc" }, select: { name: true, quantity: true, options: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    businessDate: r.businessDate.toISOString().slice(0, 10),
    items: r.items.map((i) => ({ name: i.name, quantity: i.quantity, options: readOptions(i.options) })),
  }));
}
