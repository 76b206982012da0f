import { describe, expect, it } from "vitest";
import { buildNotificationResend } from "./notification-resend.ts";
import { buildOrderCancelledEvent } from "./order-cancelled-event.ts";
import { buildOrderCancelled } from "./order-cancelled.ts";
import { orderEventSchema } from "./order-events.ts";
import { buildOrderPlaced, buildUnnumberedOrderPlaced } from "./order-placed.ts";
import { buildOrderReadyRequested } from "./order-ready-requested.ts";
import { buildOrderReadyEvent } from "./order-ready.ts";
import { ordersQueueMessageSchema } from "./orders-queue.ts";

const ids = { outboxId: "6f1c3f0e-5b7a-4c1e-9a0e-2d4b8c9e1f00", orderId: "0b6c2c1e-7d3f-4f5a-8e9b-1a2b3c4d5e6f" };
const at = "2026-12-05T08:15:00.000Z";

describe("message contracts", () => {
  it("builds each orders-queue message so that the worker's parser reads it back unchanged", () => {
    const bodies = [
      buildOrderPlaced({ ...ids, ticketNumber: 7, customerName: "Ada", items: [{ name: "Latte", quantity: 2, options: ["Oat milk"], note: null }], placedAt: at }),
      buildOrderReadyRequested({ ...ids, requestedAt: at }),
      buildOrderCancelled({ ...ids, reason: "Out of oat milk", cancelledAt: at }),
      buildNotificationResend({ ...ids, notificationId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }),
    ];
    expect(bodies.map((b) => b.type)).toEqual(["order.placed", "order.ready_requested", "order.cancelled", "notification.resend"]);
    for (const body of bodies) expect(ordersQueueMessageSchema.parse(JSON.parse(JSON.stringify(body)))).toEqual(body);
  });

  it("checks an order.placed body before its ticket is known, and reads it back once the insert adds the ticket", () => {
    const fields = { ...ids, customerName: "Ada", items: [{ name: "Latte", quantity: 1, options: [], note: null }], placedAt: at };
    const unnumbered = buildUnnumberedOrderPlaced(fields);
    expect(unnumbered).not.toHaveProperty("ticketNumber");
    // As insertOrders stores it: the checked body with the ticket the statement gave out.
    const stored = JSON.parse(JSON.stringify({ ...unnumbered, ticketNumber: 42 }));
    expect(ordersQueueMessageSchema.parse(stored)).toEqual(buildOrderPlaced({ ...fields, ticketNumber: 42 }));
    expect(() => buildUnnumberedOrderPlaced({ ...fields, orderId: "not-a-uuid" })).toThrow();
  });

  it("builds each customer event so that the notifier's parser reads it back unchanged", () => {
    const bodies = [
      buildOrderReadyEvent({ ...ids, ticketNumber: 7, customerName: "Ada", readyAt: at }),
      buildOrderCancelledEvent({ ...ids, ticketNumber: 7, customerName: "Ada", reason: "Out of oat milk", cancelledAt: at }),
    ];
    for (const body of bodies) expect(orderEventSchema.parse(JSON.parse(JSON.stringify(body)))).toEqual(body);
  });

  it("refuses a wrong body at the producer, before it is stored or sent", () => {
    expect(() => buildOrderReadyEvent({ ...ids, ticketNumber: 0, customerName: "Ada", readyAt: at })).toThrow();
    expect(() => buildOrderPlaced({ ...ids, orderId: "not-a-uuid", ticketNumber: 1, customerName: "Ada", items: [], placedAt: at })).toThrow();
    expect(() => buildOrderReadyRequested({ ...ids, requestedAt: "yesterday" })).toThrow();
  });

  it("still reads a body as the SQL-built version wrote it (messages in flight across an upgrade)", () => {
    // Shape written by jsonb_build_object before the contracts were built in TypeScript.
    const old = { type: "order.ready", outboxId: ids.outboxId, orderId: ids.orderId, ticketNumber: 12, customerName: "Grace", readyAt: "2026-12-05T08:15:00.123+00:00" };
    expect(orderEventSchema.parse(old)).toMatchObject({ type: "order.ready", ticketNumber: 12 });
  });
});
