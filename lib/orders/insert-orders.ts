import type { AuditActor } from "../audit/record-staff-action.ts";
import type { OrderSource, PaymentMethod, PaymentStatus, PrismaClient } from "../generated/prisma/client.ts";
import { buildUnnumberedOrderPlaced, ORDER_PLACED, type OrderPlacedMessage } from "../messages/order-placed.ts";
import { OPEN_STATUSES_SQL } from "../store/open-statuses.ts";
import type { PricedLine } from "./price-order.ts";
import { CHECKOUT_CONSENT_WORDING, COUNTER_CONSENT_WORDING } from "../consent/consent-wording.ts";

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
  /** The barista who keyed in a walk-up order (its audit line commits with it); null for an online order. */
  keyedInBy: AuditActor | null;
  phone: string | null;
  email: string | null;
  subtotalCents: number;
  taxCents: number;
  tipCents: number;
  /** taxCents is the tax part of subtotalCents (VAT) rather than added to it. */
  taxIncluded: boolean;
  totalCents: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  /**
   * Paid online: the order waits in AWAITING_PAYMENT and its order.placed row is written only
   * when the payment is confirmed (lib/payments/settle-checkout.ts), so it cannot reach the kitchen before.
   */
  awaitingPayment: boolean;
  /** The pickup slot's start; null = as soon as possible. */
  pickupAt: Date | null;
  /** pickupAt minus the order's prep time: later than createdAt, the order waits SCHEDULED for the worker to fire it. */
  fireAt: Date | null;
  createdAt: Date;
  lines: PricedLine[];
  /** The order.placed message but for the ticket number, which is only known once the order is inserted. */
  placed: Omit<OrderPlacedMessage, "type" | "ticketNumber">;
};

/** Where a new order starts: waiting for its payment, booked for later, or on its way to the kitchen. */
export function initialStatus(o: Pick<NewOrder, "awaitingPayment" | "fireAt" | "createdAt">): "AWAITING_PAYMENT" | "SCHEDULED" | "PLACED" {
  if (o.awaitingPayment) return "AWAITING_PAYMENT";
  return o.fireAt !== null && o.fireAt > o.createdAt ? "SCHEDULED" : "PLACED";
}

/** An inserted order comes back with its ticket number and the order.placed body written to its outbox row. */
export type InsertedOrder = { ticketNumber: number; message: OrderPlacedMessage } | { atCapacity: true } | null;

/**
 * Inserts a batch of orders with their items and order.placed outbox rows in one statement, so
 * an order never exists without its outbox row and a batch costs one round trip (and, outside a
 * transaction, one commit). The bodies are checked against their contract here; the statement
 * adds the ticket number it hands out. A duplicate idempotency key (stored, or earlier in the
 * batch) gets null: the caller looks up the winner. Past a capacity limit, atCapacity (exact only
 * under place-order.ts's lock). One result per input, in order. (docs/ARCHITECTURE.md, "Placing an order")
 */
export async function insertOrders(options: {
  /** The client, or a transaction when more must commit with the orders (place-order.ts). */
  tx: Pick<PrismaClient, "$queryRaw">;
  orders: NewOrder[];
}): Promise<InsertedOrder[]> {
  const { orders } = options;
  if (orders.length === 0) return [];
  const bodies = orders.map((o) => buildUnnumberedOrderPlaced(o.placed));
  const statuses = orders.map(initialStatus);
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
      tipCents: o.tipCents,
      taxIncluded: o.taxIncluded,
      totalCents: o.totalCents,
      currency: o.currency,
      paymentMethod: o.paymentMethod,
      paymentStatus: o.paymentStatus,
      status: statuses[n],
      createdAt: o.createdAt.toISOString(),
      pickupAt: o.pickupAt?.toISOString() ?? null,
      fireAt: o.fireAt?.toISOString() ?? null,
      // Booked so close to its pickup time that it goes to the kitchen at once: fired now.
      firedAt: o.pickupAt !== null && statuses[n] === "PLACED" ? o.createdAt.toISOString() : null,
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
  const outboxJson = JSON.stringify(
    bodies.flatMap((body, n) => (statuses[n] !== "PLACED" ? [] : [{ id: body.outboxId, orderId: body.orderId, type: body.type, body }])),
  );
  // Data-modifying CTEs run as one statement, and foreign keys are checked at its end,
  // so items and outbox rows can reference orders inserted beside them. The ticket
  // function is only called for orders that will be inserted, so a retried request
  // or one over capacity does not burn a ticket number. Without a limit the capacity
  // CTE is empty and nothing is counted. Walk-ups and orders for a pickup slot (which has a
  // capacity of its own, place-scheduled-order.ts) are never refused for it.
  // One row back, the results in input order: Prisma builds an object per returned row.
  const [row] = await options.tx.$queryRaw<{ tickets: (number | null)[]; atCapacity: boolean[] }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${ordersJson}::jsonb) AS x(
        n int, id uuid, "publicToken" text, "idempotencyKey" text, "requestHash" text, "businessDate" date,
        "customerName" text, source "OrderSource", phone text, email text, "subtotalCents" int, "taxCents" int, "tipCents" int, "taxIncluded" boolean,
        "totalCents" int, currency text, "paymentMethod" "PaymentMethod", "paymentStatus" "PaymentStatus", status "OrderStatus", "createdAt" timestamptz,
        "pickupAt" timestamptz, "fireAt" timestamptz, "firedAt" timestamptz)
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
      SELECT f.* FROM (SELECT f.*, row_number() OVER (ORDER BY (f.source = 'WALK_UP' OR f."pickupAt" IS NOT NULL) DESC, f.n) AS rank FROM fresh f) f
      WHERE f.source = 'WALK_UP' OR f."pickupAt" IS NOT NULL OR NOT EXISTS (SELECT 1 FROM capacity) OR f.rank <= (SELECT places FROM capacity)
    ),
    numbered AS (
      SELECT a.*, brewline_next_ticket(a."businessDate") AS ticket FROM admitted a
    ),
    inserted AS (
      INSERT INTO "Order" ("id", "publicToken", "idempotencyKey", "requestHash", "businessDate", "ticketNumber", "customerName", "source", "phone", "email",
        "subtotalCents", "taxCents", "tipCents", "taxIncluded", "totalCents", "currency", "paymentMethod", "paymentStatus", "status", "createdAt",
        "pickupAt", "fireAt", "firedAt")
      SELECT id, "publicToken", "idempotencyKey", "requestHash", "businessDate", ticket, "customerName", source, phone, email,
        "subtotalCents", "taxCents", "tipCents", "taxIncluded", "totalCents", currency, "paymentMethod", "paymentStatus", status, "createdAt",
        "pickupAt", "fireAt", "firedAt" FROM numbered
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
      SELECT x.id, x."orderId", ${ORDER_PLACED.destination}::"OutboxDestination", x.type, x.body || jsonb_build_object('ticketNumber', o."ticketNumber")
      FROM jsonb_to_recordset(${outboxJson}::jsonb) AS x(id uuid, "orderId" uuid, type text, body jsonb)
      JOIN inserted o ON o."id" = x."orderId"
    ),
    consents AS (
      -- The consent ledger: what the customer agreed to, with the order that asked.
      INSERT INTO "ConsentRecord" ("id", "channel", "recipient", "action", "source", "wording", "orderId")
      SELECT gen_random_uuid(), c.channel, c.recipient, 'GRANTED',
        CASE WHEN i.source = 'WALK_UP' THEN 'counter' ELSE 'checkout' END,
        CASE WHEN i.source = 'WALK_UP' THEN ${COUNTER_CONSENT_WORDING}::text ELSE ${CHECKOUT_CONSENT_WORDING}::text END, i.id
      FROM input i JOIN inserted o ON o."id" = i.id,
        LATERAL (VALUES ('SMS'::"NotificationChannel", i.phone), ('EMAIL'::"NotificationChannel", i.email)) AS c(channel, recipient)
      WHERE c.recipient IS NOT NULL
    )
    SELECT array_agg(o."ticketNumber" ORDER BY i.n) AS tickets,
      array_agg(o."id" IS NULL AND EXISTS (SELECT 1 FROM fresh f WHERE f."idempotencyKey" = i."idempotencyKey")
        AND NOT EXISTS (SELECT 1 FROM admitted a WHERE a."idempotencyKey" = i."idempotencyKey") ORDER BY i.n) AS "atCapacity"
    FROM input i LEFT JOIN inserted o ON o."id" = i.id`;
  return bodies.map((body, n): InsertedOrder => {
    const ticketNumber = row?.tickets[n] ?? null;
    if (ticketNumber === null) return row?.atCapacity[n] ? { atCapacity: true } : null;
    // The stored body: the checked one plus the ticket the statement gave out.
    return { ticketNumber, message: { ...body, ticketNumber } };
  });
}
