import type { OrderSource, PrismaClient } from "../generated/prisma/client.ts";
import { OPEN_STATUSES_SQL } from "./open-statuses.ts";
import type { PricedLine } from "./price-order.ts";

export type NewOrder = {
  id: string;
  publicToken: string;
  idempotencyKey: string;
  /** Fingerprint of the request that placed it (request-hash.ts): a retry must match it. */
  requestHash: string;
  /** YYYY-MM-DD in the store's time zone. */
  businessDate: string;
  customerName: string;
  /** WALK_UP orders were taken at the counter: the capacity limit does not apply to them. */
  source: OrderSource;
  phone: string | null;
  email: string | null;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  createdAt: Date;
  lines: PricedLine[];
  /** The order.placed outbox row; its body gets the ticket number added in the database. */
  outbox: { id: string; type: string; body: Record<string, unknown> };
};

export type InsertedOrder = { ticketNumber: number } | { atCapacity: true } | null;

/**
 * Inserts orders with their items and outbox rows in one statement (one round trip and
 * one commit for a whole batch of concurrent requests). Each order gets the next ticket
 * number of its business day. An order whose idempotency key already exists, or
 * appears earlier in the same batch, is not inserted and gets null: the caller looks
 * up the order that won (and whether this request is a retry of it). With a capacity limit in the store's settings, only as many
 * new orders as there are free places are inserted (in input order) and the rest get
 * atCapacity; the count is only exact if the caller holds the capacity lock
 * (see place-order.ts). Walk-up orders are always admitted and take their places
 * first. Returns one result per input, in order.
 */
export async function insertOrders(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  orders: NewOrder[];
}): Promise<InsertedOrder[]> {
  const { orders } = options;
  if (orders.length === 0) return [];
  const ordersJson = JSON.stringify(
    orders.map((o, n) => ({
      n,
      id: o.id,
      publicToken: o.publicToken,
      idempotencyKey: o.idempotencyKey,
      requestHash: o.requestHash,
      businessDate: o.businessDate,
      customerName: o.customerName,
      source: o.source,
      phone: o.phone,
      email: o.email,
      subtotalCents: o.subtotalCents,
      taxCents: o.taxCents,
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
        station: l.station,
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
  // or one over capacity does not burn a ticket number. Without a limit the capacity
  // CTE is empty and nothing is counted.
  const rows = await options.prisma.$queryRaw<{ n: number; ticketNumber: number | null; atCapacity: boolean }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${ordersJson}::jsonb) AS x(
        n int, id uuid, "publicToken" text, "idempotencyKey" text, "requestHash" text, "businessDate" date,
        "customerName" text, source "OrderSource", phone text, email text, "subtotalCents" int, "taxCents" int, "totalCents" int, "createdAt" timestamptz,
        "outboxId" uuid, "outboxType" text, "outboxBody" jsonb)
    ),
    fresh AS (
      SELECT DISTINCT ON (i."idempotencyKey") i.*
      FROM input i
      WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."idempotencyKey" = i."idempotencyKey")
      ORDER BY i."idempotencyKey", i.n
    ),
    capacity AS (
      SELECT s."maxOpenOrders" - (SELECT count(*) FROM "Order" WHERE "status" IN ${OPEN_STATUSES_SQL}) AS places
      FROM "StoreSettings" s WHERE s."id" = 1 AND s."maxOpenOrders" IS NOT NULL
    ),
    admitted AS (
      SELECT f.* FROM (SELECT f.*, row_number() OVER (ORDER BY f.source = 'WALK_UP' DESC, f.n) AS rank FROM fresh f) f
      WHERE f.source = 'WALK_UP' OR NOT EXISTS (SELECT 1 FROM capacity) OR f.rank <= (SELECT places FROM capacity)
    ),
    numbered AS (
      SELECT a.*, brewline_next_ticket(a."businessDate") AS ticket FROM admitted a
    ),
    inserted AS (
      INSERT INTO "Order" ("id", "publicToken", "idempotencyKey", "requestHash", "businessDate", "ticketNumber", "customerName", "source", "phone", "email",
        "subtotalCents", "taxCents", "totalCents", "createdAt")
      SELECT id, "publicToken", "idempotencyKey", "requestHash", "businessDate", ticket, "customerName", source, phone, email,
        "subtotalCents", "taxCents", "totalCents", "createdAt" FROM numbered
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id", "ticketNumber"
    ),
    items AS (
      INSERT INTO "OrderItem" ("id", "orderId", "menuItemId", "name", "station", "quantity", "unitPriceCents", "options", "note", "position")
      SELECT gen_random_uuid(), l."orderId", l."menuItemId", l.name, l.station, l.quantity, l."unitPriceCents", l.options, l.note, l.position
      FROM jsonb_to_recordset(${itemsJson}::jsonb) AS l(
        "orderId" uuid, "menuItemId" text, name text, station text, quantity int, "unitPriceCents" int, options jsonb, note text, position int)
      JOIN inserted o ON o."id" = l."orderId"
    ),
    outbox AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT i."outboxId", o."id", 'ORDERS_QUEUE', i."outboxType", i."outboxBody" || jsonb_build_object('ticketNumber', o."ticketNumber")
      FROM inserted o JOIN input i ON i.id = o."id"
    )
    SELECT i.n, o."ticketNumber",
      (o."id" IS NULL AND EXISTS (SELECT 1 FROM fresh f WHERE f."idempotencyKey" = i."idempotencyKey")
        AND NOT EXISTS (SELECT 1 FROM admitted a WHERE a."idempotencyKey" = i."idempotencyKey")) AS "atCapacity"
    FROM input i LEFT JOIN inserted o ON o."id" = i.id ORDER BY i.n`;
  return rows.map((row) => (row.ticketNumber !== null ? { ticketNumber: row.ticketNumber } : row.atCapacity ? { atCapacity: true } : null));
}
