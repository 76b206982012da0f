import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

const input = (key: string) =>
  placeOrderInputSchema.parse({
    idempotencyKey: key,
    customerName: "Ada",
    phone: "+1 415 555 2671",
    notifyConsent: true,
    items: [{ menuItemId: "latte", quantity: 2, modifierIds: ["size-large", "milk-oat", "syrup-vanilla"] }],
  });

describe("placeOrder", () => {
  it("prices from the menu, numbers the ticket and puts it on the FIFO queue", async () => {
    const order = await placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: input("key-aaaaaaaaaaaaaaaa1") });
    // latte 400 + large 90 + oat 60 + vanilla 50 = 600 each, two of them.
    expect(order).toMatchObject({ totalCents: 1200, status: "PLACED", created: true });
    expect(order.ticketNumber).toBeGreaterThan(0);
    const received = await stack.transport.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.config.ORDERS_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const bodies = (received.Messages ?? []).map((m) => JSON.parse(m.Body!));
    expect(bodies).toContainEqual(expect.objectContaining({ type: "order.placed", orderId: order.orderId, ticketNumber: order.ticketNumber }));
    const outbox = await stack.prisma.outboxMessage.findMany({ where: { orderId: order.orderId } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.sentAt).not.toBeNull();
  });

  it("creates exactly one order for concurrent requests with the same idempotency key", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: input("key-bbbbbbbbbbbbbbbb2") })),
    );
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await stack.prisma.order.count({ where: { idempotencyKey: "key-bbbbbbbbbbbbbbbb2" } })).toBe(1);
  });
});
