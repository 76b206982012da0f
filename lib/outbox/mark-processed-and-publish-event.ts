import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import { Prisma, type OrderStatus, type PrismaClient } from "../generated/prisma/client.ts";
import type { OrderEvent } from "../messages/order-events.ts";
import type { Transport } from "../queue/transport.ts";
import { sendOutboxMessage } from "./send-outbox-message.ts";

/** The order fields an event is built from. Neither changes once the order is placed. */
export type EventOrderFields = { ticketNumber: number; customerName: string };

export type ProcessedIntoEvent<E extends OrderEvent> = {
  /** The order's status after the statement. */
  status: OrderStatus;
  /** Whether the `change` CTE changed a row (false when there is none). */
  changed: boolean;
  /** The event written (and published, or left for the reconciler), or null if none was. */
  event: E | null;
};

/**
 * The worker's "mark processed, write the event row, publish after commit": the message's outbox
 * row processed, the caller's state change and (when `writeEventWhen` holds) the notifier's event
 * row, in one statement (one commit, one snapshot); then SNS, or the reconciler if that fails. The
 * body is built first by `buildEvent`, from ticket number and customer name, which never change
 * once placed. Throws NOT_FOUND for a missing order. (docs/ARCHITECTURE.md, "Worker")
 */
export async function markProcessedAndPublishEvent<E extends OrderEvent>(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "outboxMessage" | "order">;
  transport: Transport;
  /** The orders-queue message being handled: its outbox row is the one marked processed. */
  message: { outboxId: string; orderId: string };
  now: Date;
  buildEvent: (order: EventOrderFields, outboxId: string) => E;
  /**
   * A state change made in the same statement, as the body of a CTE named `changed`
   * (e.g. `UPDATE "Order" … RETURNING "id"`).
   */
  change?: Prisma.Sql;
  /**
   * When the event row is written: an SQL condition that may refer to the CTEs
   * `processed` (the message's row, when it was still unprocessed) and `changed`.
   */
  writeEventWhen: Prisma.Sql;
}): Promise<ProcessedIntoEvent<E>> {
  const { prisma, transport, message, now } = options;
  const { orderId } = message;
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { ticketNumber: true, customerName: true } });
  if (!order) throw new AppError("NOT_FOUND", `order ${orderId} does not exist`);
  const event = options.buildEvent(order, randomUUID());
  const change = options.change ?? Prisma.sql`SELECT NULL::uuid AS "id" WHERE false`;

  const [row] = await prisma.$queryRaw<{ status: OrderStatus; changed: boolean; written: boolean }[]>`
    WITH changed AS (${change}),
    processed AS (
      UPDATE "OutboxMessage" SET "processedAt" = ${now}
      WHERE "id" = ${message.outboxId}::uuid AND "orderId" = ${orderId}::uuid AND "processedAt" IS NULL
      RETURNING "id"
    ),
    event AS (
      INSERT INTO "OutboxMessage" ("id", "orderId", "destination", "type", "body")
      SELECT ${event.outboxId}::uuid, ${orderId}::uuid, 'EVENTS_TOPIC', ${event.type}, ${JSON.stringify(event)}::jsonb
      WHERE ${options.writeEventWhen}
      RETURNING "id"
    )
    SELECT o."status"::text AS "status", EXISTS (SELECT 1 FROM changed) AS "changed", EXISTS (SELECT 1 FROM event) AS "written"
    FROM "Order" o WHERE o."id" = ${orderId}::uuid`;
  if (!row) throw new AppError("NOT_FOUND", `order ${orderId} does not exist`);
  if (!row.written) return { status: row.status, changed: row.changed, event: null };

  await sendOutboxMessage({
    prisma,
    transport,
    row: { id: event.outboxId, orderId, destination: "EVENTS_TOPIC", type: event.type, body: event },
  });
  return { status: row.status, changed: row.changed, event };
}
