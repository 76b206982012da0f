import type { PrismaClient } from "../generated/prisma/client.ts";
import type { OrderStatus } from "../generated/prisma/enums.ts";

// What the customer's status page shows. The internal order id is returned beside the
// view (the live stream needs it to match notifications) but is not part of the view:
// the customer's only handle on the order is the secret token in their status URL.

export type OrderLineView = { name: string; quantity: number; unitPriceCents: number; options: string[]; note: string | null };

export type OrderStatusView = {
  ticketNumber: number;
  customerName: string;
  status: OrderStatus;
  totalCents: number;
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
export function optionNames(options: unknown): string[] {
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

export async function getOrderStatus(options: {
  prisma: PrismaClient;
  where: { publicToken: string } | { id: string };
}): Promise<{ orderId: string; view: OrderStatusView } | null> {
  const order = await options.prisma.order.findUnique({ where: options.where, select });
  if (!order) return null;
  return {
    orderId: order.id,
    view: {
      ticketNumber: order.ticketNumber,
      customerName: order.customerName,
      status: order.status,
      totalCents: order.totalCents,
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
