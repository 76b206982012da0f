import { z } from "zod";
import { readOrderItemOptions } from "./order-item-options.ts";

/**
 * `order.placed`: a new order for the barista board.
 *
 * Travels on: the orders FIFO queue (outbox destination ORDERS_QUEUE).
 * Produced by: placeOrder (lib/orders/place-order.ts), its outbox row written by insertOrders
 *   (lib/orders/insert-orders.ts) in the statement that inserts the order; for an order paid
 *   online, settleCheckout (lib/payments/settle-checkout.ts) when paid; for an order for a pickup
 *   slot, fireDueOrders (lib/orders/fire-due-orders.ts) at its fire time.
 * Handled by: markOrdersQueued (lib/orders/mark-orders-queued.ts), batched by createOrdersMessageHandler
 *   (worker/handle-orders-message.ts).
 */
export const ORDER_PLACED = { type: "order.placed", destination: "ORDERS_QUEUE", handler: "markOrdersQueued" } as const;

const orderLineSchema = z.object({
  name: z.string(),
  quantity: z.number().int().positive(),
  options: z.array(z.string()),
  note: z.string().nullable(),
});

export const orderPlacedSchema = z.object({
  type: z.literal(ORDER_PLACED.type),
  outboxId: z.uuid(),
  orderId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  customerName: z.string(),
  items: z.array(orderLineSchema),
  placedAt: z.iso.datetime({ offset: true }),
});

export type OrderPlacedMessage = z.infer<typeof orderPlacedSchema>;

/** The body of an `order.placed` message; throws (a bug at the producer) if a field is wrong. */
export const buildOrderPlaced = (fields: Omit<OrderPlacedMessage, "type">): OrderPlacedMessage =>
  orderPlacedSchema.parse({ ...fields, type: ORDER_PLACED.type });

/** The body but for the ticket number, which Postgres hands out in the statement that stores the order. */
type UnnumberedOrderPlaced = Omit<OrderPlacedMessage, "ticketNumber">;

const unnumberedSchema = orderPlacedSchema.omit({ ticketNumber: true });

/**
 * buildOrderPlaced before the ticket is known: every other field is checked here, so the
 * insert that numbers the order can store the body in the same statement (insertOrders).
 */
export const buildUnnumberedOrderPlaced = (fields: Omit<OrderPlacedMessage, "type" | "ticketNumber">): UnnumberedOrderPlaced =>
  unnumberedSchema.parse({ ...fields, type: ORDER_PLACED.type });

/** The stored order's items as orderPlacedOf reads them. */
export const ORDER_PLACED_ITEM_SELECT = { name: true, quantity: true, options: true, note: true } as const;

type StoredOrder = {
  id: string;
  ticketNumber: number;
  customerName: string;
  items: { name: string; quantity: number; options: unknown; note: string | null }[];
};

/** The body for an order already stored (paid, or fired when due), from its rows: built here, never in SQL. */
export const orderPlacedOf = (options: { outboxId: string; order: StoredOrder; placedAt: Date }): OrderPlacedMessage =>
  buildOrderPlaced({
    outboxId: options.outboxId,
    orderId: options.order.id,
    ticketNumber: options.order.ticketNumber,
    customerName: options.order.customerName,
    items: options.order.items.map((i) => ({ name: i.name, quantity: i.quantity, options: readOrderItemOptions(i.options).map((o) => o.name), note: i.note })),
    placedAt: options.placedAt.toISOString(),
  });
