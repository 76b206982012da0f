import type { PrismaClient } from "../../lib/db/prisma.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import type { Transport } from "../../lib/queue/transport.ts";
import { testOrderInputSchema } from "./test-stack.ts";

// Test helpers for the web's order flows: place a real order, then move it along the
// way the worker would (the worker itself is tested elsewhere).

let n = 0;

export async function placeTestOrder(options: { prisma: PrismaClient; transport: Transport; customerName?: string; phone?: string }) {
  n += 1;
  return placeOrder({
    prisma: options.prisma,
    transport: options.transport,
    timeZone: "UTC",
    input: testOrderInputSchema.parse({
      idempotencyKey: `test-${process.pid}-${Date.now()}-${n}`,
      customerName: options.customerName ?? `Guest ${n}`,
      phone: options.phone,
      notifyConsent: options.phone ? true : undefined,
      items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"], note: "extra hot" }],
    }),
  });
}

/** What the worker does on order.placed. */
export async function markQueued(prisma: PrismaClient, orderId: string, at = new Date()) {
  await prisma.order.update({ where: { id: orderId }, data: { status: "QUEUED", queuedAt: at } });
}

export async function placeQueuedOrder(options: { prisma: PrismaClient; transport: Transport; customerName?: string }) {
  const order = await placeTestOrder(options);
  await markQueued(options.prisma, order.orderId);
  return order;
}
