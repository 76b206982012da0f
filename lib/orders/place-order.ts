import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import { getMenuItemsById } from "../menu/get-menu.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { OrderPlacedMessage } from "../queue/messages.ts";
import type { Transport } from "../queue/transport.ts";
import { businessDate, dateOnly } from "./business-date.ts";
import type { PlaceOrderInput } from "./order-input.ts";
import { priceCart } from "./price-order.ts";

export type PlacedOrder = {
  orderId: string;
  publicToken: string;
  ticketNumber: number;
  totalCents: number;
  status: string;
  /** false when the idempotency key matched an order that already existed. */
  created: boolean;
};

const selectPlaced = { id: true, publicToken: true, ticketNumber: true, totalCents: true, status: true } as const;

const toPlaced = (o: { id: string; publicToken: string; ticketNumber: number; totalCents: number; status: string }, created: boolean): PlacedOrder => ({
  orderId: o.id,
  publicToken: o.publicToken,
  ticketNumber: o.ticketNumber,
  totalCents: o.totalCents,
  status: o.status,
  created,
});

/**
 * Saves the order with its ticket number and an outbox row in one transaction, then
 * tries to put it on the orders queue. If the queue is unreachable the order is still
 * accepted: the worker's reconciler sends it later from the outbox.
 */
export async function placeOrder(options: {
  prisma: PrismaClient;
  transport: Transport;
  timeZone: string;
  input: PlaceOrderInput;
  now?: Date;
}): Promise<PlacedOrder> {
  const { prisma, transport, input } = options;

  const existing = await prisma.order.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: selectPlaced });
  if (existing) return toPlaced(existing, false);

  const menu = await getMenuItemsById({ prisma, itemIds: [...new Set(input.items.map((i) => i.menuItemId))] });
  const { lines, totalCents } = priceCart(menu, input.items);
  const now = options.now ?? new Date();
  const day = businessDate(now, options.timeZone);

  let created: { order: PlacedOrder; outbox: { id: string; body: OrderPlacedMessage } };
  try {
    created = await prisma.$transaction(async (tx) => {
      const [{ ticket }] = await tx.$queryRaw<[{ ticket: number }]>`SELECT brewline_next_ticket(${day}::date) AS ticket`;
      const order = await tx.order.create({
        data: {
          publicToken: randomBytes(24).toString("base64url"),
          idempotencyKey: input.idempotencyKey,
          businessDate: dateOnly(day),
          ticketNumber: ticket,
          customerName: input.customerName,
          phone: input.phone ?? null,
          email: input.email ?? null,
          totalCents,
          createdAt: now,
          items: {
            create: lines.map((l, position) => ({
              menuItemId: l.menuItemId,
              name: l.name,
              quantity: l.quantity,
              unitPriceCents: l.unitPriceCents,
              options: l.options,
              note: l.note,
              position,
            })),
          },
        },
        select: selectPlaced,
      });
      const outboxId = crypto.randomUUID();
      const body: OrderPlacedMessage = {
        type: "order.placed",
        outboxId,
        orderId: order.id,
        ticketNumber: order.ticketNumber,
        customerName: input.customerName,
        items: lines.map((l) => ({ name: l.name, quantity: l.quantity, options: l.options.map((o) => o.name), note: l.note })),
        placedAt: now.toISOString(),
      };
      await tx.outboxMessage.create({
        data: { id: outboxId, orderId: order.id, destination: "ORDERS_QUEUE", type: body.type, body },
      });
      return { order: toPlaced(order, true), outbox: { id: outboxId, body } };
    });
  } catch (error) {
    // Two identical requests raced past the lookup above: the unique key let one win.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await prisma.order.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: selectPlaced });
      if (winner) return toPlaced(winner, false);
    }
    throw error;
  }

  const { order, outbox } = created;
  logger.info({ orderId: order.orderId, ticket: order.ticketNumber, lines: lines.length }, "order placed");
  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: outbox.id, orderId: order.orderId, destination: "ORDERS_QUEUE", type: outbox.body.type, body: outbox.body },
  });
  return order;
}
