import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { MAX_NOTIFICATION_ATTEMPTS, notifyCustomer } from "../../lib/notifications/notify-customer.ts";
import { createDevSmsInboxSender, type SmsSender } from "../../lib/notifications/sms-sender.ts";
import { markOrderReady } from "../../lib/orders/mark-order-ready.ts";
import { markOrdersQueued } from "../../lib/orders/mark-orders-queued.ts";
import type { OrderPlacedMessage } from "../../lib/messages/order-placed.ts";
import type { OrderReadyEvent } from "../../lib/messages/order-ready.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, readyEventFor } from "../support/worker-harness.ts";

// The worker's use cases called directly, for the edge cases the end-to-end tests do
// not reach: cancelled orders, repeated requests, stuck and failing notifications.

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

async function queuedOrder(overrides: Parameters<typeof placeTestOrder>[1] = {}) {
  const order = await placeTestOrder(stack, overrides);
  const row = await stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: order.orderId } });
  const messages = [row.body as OrderPlacedMessage];
  expect(await markOrdersQueued({ prisma: stack.prisma, messages })).toEqual([{ queued: true }]);
  expect(await markOrdersQueued({ prisma: stack.prisma, messages })).toEqual([{ queued: false }]);
  return order;
}

async function readyRequest(orderId: string) {
  const outboxId = crypto.randomUUID();
  const message = { type: "order.ready_requested" as const, outboxId, orderId, requestedAt: new Date().toISOString() };
  await stack.prisma.$transaction([
    stack.prisma.order.update({ where: { id: orderId }, data: { readyRequestedAt: new Date() } }),
    stack.prisma.outboxMessage.create({ data: { id: outboxId, orderId, destination: "ORDERS_QUEUE", type: message.type, body: message, sentAt: new Date() } }),
  ]);
  return message;
}

const readyEvents = (orderId: string) => stack.prisma.outboxMessage.findMany({ where: { orderId, destination: "EVENTS_TOPIC" } });

describe("markOrderReady", () => {
  it("makes an order ready once and writes one order.ready event however often the request arrives", async () => {
    const order = await queuedOrder();
    const request = await readyRequest(order.orderId);
    const deps = { prisma: stack.prisma, transport: stack.transport, message: request };
    expect(await markOrderReady(deps)).toEqual({ completed: true });
    expect(await markOrderReady(deps)).toEqual({ completed: false });
    const after = await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(after.status).toBe("READY");
    expect(after.readyAt).not.toBeNull();
    const events = await readyEvents(order.orderId);
    expect(events).toHaveLength(1);
    expect(events[0]!.sentAt).not.toBeNull();
    expect(events[0]!.body).toMatchObject({ type: "order.ready", orderId: order.orderId, ticketNumber: order.ticketNumber });
    expect((await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: request.outboxId } })).processedAt).not.toBeNull();
  });

  it("does not make a cancelled order ready, and still marks the request processed", async () => {
    const order = await queuedOrder();
    const request = await readyRequest(order.orderId);
    await stack.prisma.order.update({ where: { id: order.orderId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect(await markOrderReady({ prisma: stack.prisma, transport: stack.transport, message: request })).toEqual({ completed: false });
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("CANCELLED");
    expect(await readyEvents(order.orderId)).toHaveLength(0);
    expect((await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: request.outboxId } })).processedAt).not.toBeNull();
  });

  it("throws NOT_FOUND for an unknown order and leaves nothing behind", async () => {
    const message = { type: "order.ready_requested" as const, outboxId: crypto.randomUUID(), orderId: crypto.randomUUID(), requestedAt: new Date().toISOString() };
    await expect(markOrderReady({ prisma: stack.prisma, transport: stack.transport, message })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("notifyCustomer", () => {

  const notify = (event: OrderReadyEvent, smsSender: SmsSender | null, extra: { staleSendingAfterMs?: number } = {}) =>
    notifyCustomer({ prisma: stack.prisma, smsSender, emailSender: null, storeName: "Brewline", event, ...extra });
  const smsRow = (orderId: string) => stack.prisma.notification.findUniqueOrThrow({ where: { orderId_event_channel: { orderId, event: "order.ready", channel: "SMS" } } });

  it("never resends a claim left SENDING by a dead worker; a stale one becomes FAILED (outcome unknown)", async () => {
    const order = await placeTestOrder(stack, { phone: "+447911123111" });
    await stack.prisma.notification.create({
      data: { orderId: order.orderId, event: "order.ready", channel: "SMS", recipient: "+447911123111", status: "SENDING", attempts: 1, claimedAt: new Date() },
    });
    const event = readyEventFor(order);
    const sms = createDevSmsInboxSender(stack);
    await expect(notify(event, sms)).rejects.toThrow(/being sent by another worker/);
    await stack.prisma.notification.updateMany({ where: { orderId: order.orderId }, data: { claimedAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await notify(event, sms)).toEqual({ SMS: "outcome-unknown" });
    expect(await smsRow(order.orderId)).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("outcome unknown") });
    expect(await notify(event, sms)).toEqual({ SMS: "failed" });
    expect(await stack.prisma.devSmsMessage.count({ where: { to: "+447911123111" } })).toBe(0);
  });

  it(`gives up after ${MAX_NOTIFICATION_ATTEMPTS} failed attempts and stops throwing`, async () => {
    const order = await placeTestOrder(stack, { phone: "+447911123222" });
    const event = readyEventFor(order);
    const broken: SmsSender = { send: async () => Promise.reject(new Error("SNS throttled")) };
    for (let attempt = 1; attempt < MAX_NOTIFICATION_ATTEMPTS; attempt++) {
      await expect(notify(event, broken)).rejects.toThrow(/SNS throttled/);
      expect(await smsRow(order.orderId)).toMatchObject({ status: "PENDING", attempts: attempt, lastError: "SNS throttled" });
    }
    expect(await notify(event, broken)).toEqual({ SMS: "failed" });
    expect(await smsRow(order.orderId)).toMatchObject({ status: "FAILED", attempts: MAX_NOTIFICATION_ATTEMPTS });
  });

  it("sends nothing when SMS is off and there is no email", async () => {
    const order = await placeTestOrder(stack, { phone: "+447911123333" });
    expect(await notify(readyEventFor(order), null)).toEqual({});
    expect(await stack.prisma.notification.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("throws NOT_FOUND for an event about an unknown order", async () => {
    await expect(notify(readyEventFor({ orderId: crypto.randomUUID(), ticketNumber: 1 }), null)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
