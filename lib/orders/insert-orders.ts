import type { PrismaClient } from "../generated/prisma/client.ts";
import type { PricedLine } from "./price-order.ts";

export type NewOrder = {
  id: string;
  publicToken: string;
  idempotencyKey: string;
  /** YYYY-MM-DD in the store's time zone. */
  businessDate: string;
  customerName: string;
  phone: string | null;
  email: string | null;
  totalCents: number;
  createdAt: Date;
  lines: PricedLine[];
  /** The order.placed outbox row; its body gets the ticket number added in the database. */
  outbox: { id: string; type: string; body: Record<string, unknown> };
};

/**
 * Inserts orders with their items and outbox rows in one statement (one round trip and
 * one commit for a whole batch of concurrent requests). Each order gets the next ticket
 * number of its business day. An order whose idempotency key already exists, or
 * appears earlier in the same batch, is not inserted and gets null: the caller looks
 * up the order that won. Returns one result per input, in order.
 */
export async function insertOrders(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  orders: NewOrder[];
}): Promise<({ ticketNumber: number } | null)[]> {
  const { orders } = options;
  if (orders.length === 0) return [];
  const ordersJson = JSON.stringify(
    orders.map((o, n) => ({
      n,
      id: o.id,
      publicToken: o.publicToken,
      idempotencyKey: o.idempotencyKey,
      businessDate: o.businessDate,
      customerName: o.customerName,
      phone: o.phone,
      email: o.email,
      totalCents: o.totalCents,
      createdAt: o.createdAt.toISOString(),
      outboxId: o.outbox.id,
      outboxType: o.outbox.type,
      outboxBody: o.outbox.body,
    })),
  );
  const itemsJson = JSON.stringify(
    orders.flatMap((o) =>
      o.lines.map((l, position) => ({
        orderId: o.id,
        menuItemId: l.menuItemId,
        name: l.name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        options: l.options,
        note: l.note,
        position,
      })),
    ),
  );
  // Data-modifying CTEs run as one statement, and foreign keys are checked at its end,
  // so items and outbox rows can reference orders inserted beside them. The ticket
  // function is only called for orders that will be inserted, so a retried request
  // does not burn a ticket number.
  const rows = await options.prisma.$queryRaw<{ n: number; ticketNumber: number | null }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${ordersJson}::jsonb) AS x(
        n int, id uuid, "publicToken" text, "idempotencyKey" text, "businessDate" date,
        "customerName" text, phone text, email text, "totalCents" int, "createdAt" timestamptz,
        "outboxId" uuid, "outboxType" text, "outboxBody" jsonb)
    ),
    fresh AS (
      SELECT DISTINCT ON (i."idempotencyKey") i.*
      FROM input i
      WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."idempotencyKey" = i."idempotencyKey")
      ORDER BY i."idempotencyKey", i.n
    ),
    numbered AS (
      SELECT f.*, brewline_next_ticket(f."businessDate") AS ticket FROM fresh f
    ),
    inserted AS (
      INSERT INTO "Order" ("id", "publicToken", "idempotencyKey", "businessDate", "ticketNumber", "customerName", "phone", "email", "totalCents", "createdAt")
      SELECT id, "publicToken", "idempotencyKey", "businessDate", ticket, "customerName", phone, email, "totalCents", "createdAt" FROM numbered
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id", "ticketNumber"
    ),
    items AS (
      INSERT INTO "OrderItem" ("id", "orderId", "menuItemId", "name", "quantity", "unitPriceCents", "options", "note", "position")
      SELECT gen_random_uuid(), l."orderId", l."menuItemId", l.name, l.quantity, l."unitPriceCents", l.options, l.note, l.position
      FROM jsonb_to_recordset(${itemsJson}::jsonb) AS l(
        "orderId" uuid, "menuItemId" text, name text, quantity int, "unitPriceCents" int, options jsonb, note text, position int)
      JOIN inserted o ON o."id" = l."orderId"
    ),
    outbox AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT i."outboxId", o."id", 'ORDERS_QUEUE', i."outboxType", i."outboxBody" || jsonb_build_object('ticketNumber', o."ticketNumber")
      FROM inserted o JOIN input i ON i.id = o."id"
    )
    SELECT i.n, o."ticketNumber" FROM input i LEFT JOIN inserted o ON o."id" = i.id ORDER BY i.n`;
  return rows.map((row) => (row.ticketNumber === null ? null : { ticketNumber: row.ticketNumber }));
}
