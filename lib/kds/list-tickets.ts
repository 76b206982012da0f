import type { PrismaClient } from "../generated/prisma/client.ts";
import { optionNames } from "../orders/get-order-status.ts";

// The kitchen display's board: every open ticket in the order it joined the queue.

export type KdsTicket = {
  id: string;
  ticketNumber: number;
  customerName: string;
  status: "QUEUED" | "IN_PROGRESS";
  placedAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  /** Set once a barista pressed Ready; the ticket leaves the board when the worker marks it READY. */
  readyRequestedAt: string | null;
  items: { name: string; quantity: number; options: string[]; note: string | null }[];
};

export const MAX_BOARD_TICKETS = 200;

export async function listTickets(options: { prisma: PrismaClient }): Promise<KdsTicket[]> {
  const orders = await options.prisma.order.findMany({
    where: { status: { in: ["QUEUED", "IN_PROGRESS"] } },
    // Ticket numbers restart daily, so the queue time decides; the number breaks ties.
    orderBy: [{ queuedAt: { sort: "asc", nulls: "last" } }, { ticketNumber: "asc" }],
    take: MAX_BOARD_TICKETS,
    select: {
      id: true,
      ticketNumber: true,
      customerName: true,
      status: true,
      createdAt: true,
      queuedAt: true,
      startedAt: true,
      readyRequestedAt: true,
      items: { orderBy: { position: "asc" }, select: { name: true, quantity: true, options: true, note: true } },
    },
  });
  return orders.map((o) => ({
    id: o.id,
    ticketNumber: o.ticketNumber,
    customerName: o.customerName,
    status: o.status as KdsTicket["status"],
    placedAt: o.createdAt.toISOString(),
    queuedAt: o.queuedAt?.toISOString() ?? null,
    startedAt: o.startedAt?.toISOString() ?? null,
    readyRequestedAt: o.readyRequestedAt?.toISOString() ?? null,
    items: o.items.map((i) => ({ name: i.name, quantity: i.quantity, options: optionNames(i.options), note: i.note })),
  }));
}
