import type { PrismaClient } from "../../lib/db/prisma.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import type { Transport } from "../../lib/queue/transport.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import { testOrderInputSchema } from "./test-stack.ts";

// Orders for a pickup slot, placed the way the web app does, at an injected "now".

let n = 0;

export function placeScheduledOrder(options: {
  prisma: PrismaClient;
  transport: Transport;
  /** The clock the order is placed at. */
  now: Date;
  pickupAt: Date;
  quantity?: number;
  idempotencyKey?: string;
  timeZone?: string;
}) {
  n += 1;
  return placeOrder({
    prisma: options.prisma,
    transport: options.transport,
    timeZone: options.timeZone ?? "UTC",
    now: options.now,
    input: testOrderInputSchema.parse({
      idempotencyKey: options.idempotencyKey ?? `sched-${process.pid}-${Date.now()}-${n}`,
      // A retry (its key given) must be the same request to be answered with its order.
      customerName: options.idempotencyKey ? "Later" : `Later ${n}`,
      items: [{ menuItemId: "latte", quantity: options.quantity ?? 1, modifierIds: [] }],
      pickupAt: options.pickupAt.toISOString(),
    }),
  });
}

/** Store settings for the scheduling tests: open around the clock, no open-orders cap. */
export async function openAroundTheClock(prisma: PrismaClient, slots: { slotMinutes?: number; slotDrinks?: number } = {}) {
  await writeStoreSettings({
    prisma,
    patch: { openingHours: null, acceptingOrders: true, pausedUntil: null, maxOpenOrders: null, scheduledOrders: true, slotMinutes: slots.slotMinutes ?? 15, slotDrinks: slots.slotDrinks ?? 12 },
  });
}
