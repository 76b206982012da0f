import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelOrder } from "../../lib/orders/cancel-order.ts";
import { fireDueOrders } from "../../lib/orders/fire-due-orders.ts";
import { placeOrder } from "../../lib/orders/place-order.ts";
import type { Payments } from "../../lib/payments/payments-of-config.ts";
import { startCheckout } from "../../lib/payments/start-checkout.ts";
import { listPickupSlots } from "../../lib/schedule/list-pickup-slots.ts";
import { startOnlinePaymentStack, type OnlinePaymentStack } from "../support/online-payment-stack.ts";
import { openAroundTheClock } from "../support/scheduled-orders.ts";
import type { StripeStandIn } from "../support/stripe-stand-in.ts";
import type { TestStack } from "../support/test-stack.ts";
import { orderInput, waitFor } from "../support/worker-harness.ts";

// Paying online for a pickup slot: the real Stripe SDK against the local stand-in (real
// signatures), the webhook handler behind a real HTTP endpoint and the real worker (firing by
// the real clock, so orders for 2030 wait for this file's fireDueOrders calls).

let env: OnlinePaymentStack;
let stack: TestStack;
let standIn: StripeStandIn;
let payments: Payments;

beforeAll(async () => {
  env = await startOnlinePaymentStack({ prepare: (s) => openAroundTheClock(s.prisma) });
  ({ stack, standIn, payments } = env);
}, 60_000);
afterAll(() => env?.stop());

const MIN = 60_000;
/** The clock orders are placed at: a Monday morning in 2030, so the worker's real clock never fires them. */
const NOW = new Date("2030-01-07T08:00:00.000Z");
const at = (hhmm: string) => new Date(`2030-01-07T${hhmm}:00.000Z`);

const placeForSlot = (pickupAt: Date, options: { now?: Date; quantity?: number } = {}) =>
  placeOrder({
    prisma: stack.prisma,
    transport: stack.transport,
    timeZone: "UTC",
    onlinePayments: true,
    now: options.now ?? NOW,
    input: orderInput({ payment: "online", pickupAt: pickupAt.toISOString(), items: [{ menuItemId: "latte", quantity: options.quantity ?? 1, modifierIds: [], note: undefined }] }),
  });

/** Opens the order's checkout at the stand-in (the real clock: the provider's expiry is real). */
async function openCheckout(publicToken: string) {
  const { checkoutUrl } = await startCheckout({ prisma: stack.prisma, payments, publicToken, baseUrl: "http://localhost:3000", expiresMinutes: 30 });
  return checkoutUrl.split("/").pop()!;
}

const orderOf = (orderId: string) =>
  stack.prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      status: true,
      paymentStatus: true,
      pickupAt: true,
      fireAt: true,
      firedAt: true,
      totalCents: true,
      outbox: { select: { type: true } },
      refund: { select: { status: true, amountCents: true } },
    },
  });

const remaining = async (slot: Date, now = NOW) =>
  (await listPickupSlots({ prisma: stack.prisma, timeZone: "UTC", now })).slots.find((s) => s.startsAt === slot.toISOString())?.remaining;

const placedMessages = (order: { outbox: { type: string }[] }) => order.outbox.filter((o) => o.type === "order.placed");

describe("paying online for a pickup slot", () => {
  it("holds the slot's place while awaiting payment, waits SCHEDULED once paid, and reaches the kitchen once at its fire time", async () => {
    const slot = at("09:00");
    const placed = await placeForSlot(slot, { quantity: 2 });
    expect(placed).toMatchObject({ status: "AWAITING_PAYMENT", pickupAt: slot.toISOString() });
    expect(await remaining(slot)).toBe(10);
    const sessionId = await openCheckout(placed.publicToken);

    await standIn.pay(sessionId);
    await waitFor(async () => (await orderOf(placed.orderId)).status === "SCHEDULED", { timeoutMs: 15_000, what: "the paid order to be scheduled" });
    const scheduled = await orderOf(placed.orderId);
    expect(scheduled).toMatchObject({ paymentStatus: "PAID", pickupAt: slot, fireAt: new Date(slot.getTime() - 4 * MIN), firedAt: null, outbox: [] });
    expect(await remaining(slot)).toBe(10);

    // A minute before its fire time nothing happens; at it, the order goes to the kitchen once.
    expect((await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(scheduled.fireAt!.getTime() - MIN) })).fired).toBe(0);
    const fireAt = scheduled.fireAt!;
    await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: fireAt });
    await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(fireAt.getTime() + MIN) });
    await waitFor(async () => (await orderOf(placed.orderId)).status === "QUEUED", { timeoutMs: 15_000, what: "the fired order to be queued" });
    const fired = await orderOf(placed.orderId);
    expect(fired.firedAt).toEqual(fireAt);
    expect(placedMessages(fired)).toHaveLength(1);
  });

  it("frees the slot's place when the checkout expires unpaid", async () => {
    const slot = at("09:15");
    const placed = await placeForSlot(slot, { quantity: 3 });
    expect(await remaining(slot)).toBe(9);
    const sessionId = await openCheckout(placed.publicToken);

    await standIn.expire(sessionId);
    await waitFor(async () => (await orderOf(placed.orderId)).status === "PAYMENT_EXPIRED", { timeoutMs: 15_000, what: "the checkout to expire" });
    expect(await remaining(slot)).toBe(12);
    expect((await orderOf(placed.orderId)).outbox).toEqual([]);
    // Never fired, whenever the worker runs.
    expect((await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date(slot.getTime() + MIN) })).fired).toBe(0);
    expect((await orderOf(placed.orderId)).status).toBe("PAYMENT_EXPIRED");
  });

  it("goes to the kitchen at once, marked fired, when paid after its fire time passed", async () => {
    // Ordered an hour ago for the first slot then; paid only now, after that slot's fire time.
    const then = new Date(Date.now() - 60 * MIN);
    const [first] = (await listPickupSlots({ prisma: stack.prisma, timeZone: "UTC", now: then })).slots;
    const slot = new Date(first!.startsAt);
    const placed = await placeForSlot(slot, { now: then });
    expect(placed.status).toBe("AWAITING_PAYMENT");
    const sessionId = await openCheckout(placed.publicToken);

    const paidFrom = new Date();
    await standIn.pay(sessionId);
    await waitFor(async () => ["PLACED", "QUEUED"].includes((await orderOf(placed.orderId)).status), { timeoutMs: 15_000, what: "the late-paid order to be placed" });
    const order = await orderOf(placed.orderId);
    expect(order.paymentStatus).toBe("PAID");
    expect(order.firedAt!.getTime()).toBeGreaterThanOrEqual(paidFrom.getTime());
    expect(order.fireAt!.getTime()).toBeLessThan(paidFrom.getTime());
    expect(placedMessages(order)).toHaveLength(1);
    // The worker's firing loop has nothing more to do with it.
    await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: new Date() });
    expect(placedMessages(await orderOf(placed.orderId))).toHaveLength(1);
  });

  it("refunds a paid scheduled order the customer cancels, as for a placed one, and frees its place", async () => {
    const slot = at("09:30");
    const placed = await placeForSlot(slot, { quantity: 2 });
    await standIn.pay(await openCheckout(placed.publicToken));
    await waitFor(async () => (await orderOf(placed.orderId)).status === "SCHEDULED", { timeoutMs: 15_000, what: "the paid order to be scheduled" });

    const result = await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: placed.publicToken });
    expect(result).toEqual({ status: "CANCELLED", refund: { amountCents: placed.totalCents } });
    const cancelled = await orderOf(placed.orderId);
    expect(cancelled.outbox.map((o) => o.type)).toEqual(["payment.refund"]);
    expect(cancelled.refund?.amountCents).toBe(placed.totalCents);
    expect(await remaining(slot)).toBe(12);

    await waitFor(async () => (await orderOf(placed.orderId)).refund?.status === "SUCCEEDED", { timeoutMs: 15_000, what: "the refund to succeed" });
    expect((await orderOf(placed.orderId)).paymentStatus).toBe("REFUNDED");
    expect(standIn.refunds().filter((r) => r.amount === placed.totalCents && r.idempotencyKey?.includes(placed.orderId))).toHaveLength(1);
    // A cancelled order is never fired.
    expect((await fireDueOrders({ prisma: stack.prisma, transport: stack.transport, now: slot })).fired).toBe(0);
  });
});
