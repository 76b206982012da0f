import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKOUT_CONSENT_WORDING } from "../../lib/consent/consent-wording.ts";
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

  it("records the customer's consent in the ledger once per channel, with the checkout's words, however often the request is retried", async () => {
    const consenting = placeOrderInputSchema.parse({ ...input("key-cccccccccccccccc3"), email: "Ada@Example.com" });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: consenting })),
    );
    const orderId = results[0]!.orderId;
    const ledger = await stack.prisma.consentRecord.findMany({
      where: { orderId },
      select: { channel: true, recipient: true, action: true, source: true, wording: true },
      orderBy: { channel: "asc" },
    });
    expect(ledger).toEqual([
      { channel: "SMS", recipient: "+14155552671", action: "GRANTED", source: "checkout", wording: CHECKOUT_CONSENT_WORDING },
      { channel: "EMAIL", recipient: "ada@example.com", action: "GRANTED", source: "checkout", wording: CHECKOUT_CONSENT_WORDING },
    ]);
    // No contact details, nothing to consent to: no ledger row.
    const anonymous = placeOrderInputSchema.parse({ idempotencyKey: "key-dddddddddddddddd4", customerName: "Bo", items: [{ menuItemId: "latte", quantity: 1 }] });
    const plain = await placeOrder({ prisma: stack.prisma, transport: stack.transport, timeZone: "UTC", input: anonymous });
    expect(await stack.prisma.consentRecord.count({ where: { orderId: plain.orderId } })).toBe(0);
  });
});
