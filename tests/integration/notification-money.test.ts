import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { buildOrderCancelledEvent } from "../../lib/messages/order-cancelled-event.ts";
import { moneyFormatFor } from "../../lib/money/money-format.ts";
import type { EmailSender } from "../../lib/notifications/email-sender.ts";
import { notifyCustomer } from "../../lib/notifications/notify-customer.ts";
import type { SmsSender } from "../../lib/notifications/sms-sender.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, readyEventFor } from "../support/worker-harness.ts";

// What the notifier reads from Postgres when it writes to the customer: the ready email's
// receipt (the order's lines and amounts as recorded), and in a kitchen cancellation of an
// order paid online, what became of the payment (the order's Refund row).

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(() => stack?.stop());

type Sent = { sms: string[]; emails: { subject: string; text: string; html: string }[] };

function senders(): { sms: SmsSender; email: EmailSender; sent: Sent } {
  const sent: Sent = { sms: [], emails: [] };
  return {
    sent,
    sms: { send: async ({ body }) => (sent.sms.push(body), { providerId: `sms-${sent.sms.length}` }) },
    email: { send: async (email) => (sent.emails.push(email), { providerId: `mail-${sent.emails.length}` }), close: () => {} },
  };
}

const euro = moneyFormatFor("EUR", "de-DE");
const nbsp = "\u00a0";

/** A paid-online order of two lattes with oat milk (the seed's 4.60 each), its amounts as a VAT-inclusive store records them. */
async function onlineOrder(phone: string, email: string) {
  const order = await placeTestOrder(stack, { items: [{ menuItemId: "latte", quantity: 2, modifierIds: ["milk-oat"], note: undefined }], phone, email });
  await stack.prisma.order.update({
    where: { id: order.orderId },
    data: { currency: "EUR", subtotalCents: 920, taxCents: 147, taxIncluded: true, tipCents: 100, totalCents: 1020, paymentMethod: "ONLINE", paymentStatus: "PAID" },
  });
  return order;
}

const cancelledEvent = (order: { orderId: string; ticketNumber: number }) =>
  buildOrderCancelledEvent({ outboxId: crypto.randomUUID(), orderId: order.orderId, ticketNumber: order.ticketNumber, customerName: "Ada", reason: "Out of oat milk", cancelledAt: new Date().toISOString() });

describe("money in customer messages", () => {
  it("sends the ready email with the order's receipt in both parts, in the store's format; the text message has none", async () => {
    const order = await onlineOrder("+447911124001", "receipt@example.com");
    const { sms, email, sent } = senders();
    expect(await notifyCustomer({ prisma: stack.prisma, smsSender: sms, emailSender: email, storeName: "Brewline", moneyFormat: euro, event: readyEventFor(order) })).toEqual({ SMS: "sent", EMAIL: "sent" });
    const [mail] = sent.emails;
    expect(mail!.text).toMatch(new RegExp(`^2 × Caffè latte \\(Oat milk\\) +9,20${nbsp}€$`, "m"));
    expect(mail!.text).toMatch(new RegExp(`^Includes VAT +1,47${nbsp}€$`, "m"));
    expect(mail!.text).toMatch(new RegExp(`^Tip +1,00${nbsp}€$`, "m"));
    expect(mail!.text).toMatch(new RegExp(`^Total +10,20${nbsp}€$`, "m"));
    expect(mail!.text).toMatch(/^Payment: Paid online$/m);
    expect(mail!.html).toContain(`Total</td><td style="padding:4px 0;text-align:right;white-space:nowrap;font-weight:700">10,20${nbsp}€</td>`);
    expect(sent.sms[0]).not.toMatch(/€|Receipt/);
  });

  it("tells a customer who paid online that the payment was refunded (Refund SUCCEEDED), on both channels", async () => {
    const order = await onlineOrder("+447911124002", "refunded@example.com");
    await stack.prisma.refund.create({ data: { orderId: order.orderId, amountCents: 1020, status: "SUCCEEDED", providerRefundId: "re_1", settledAt: new Date() } });
    const { sms, email, sent } = senders();
    await notifyCustomer({ prisma: stack.prisma, smsSender: sms, emailSender: email, storeName: "Brewline", moneyFormat: euro, event: cancelledEvent(order) });
    const refunded = `Your payment of 10,20${nbsp}€ has been refunded to your card; it can take 5-10 days to show.`;
    expect(sent.sms[0]).toBe(`Sorry Ada, your Brewline order #${order.ticketNumber} was cancelled: Out of oat milk. Please see the barista. ${refunded}`);
    expect(sent.emails[0]!.text).toContain(refunded);
    expect(sent.emails[0]!.html).toContain(`Your payment of 10,20${nbsp}€ has been refunded`);
  });

  it("promises the refund when it failed, and says nothing about money for an order paid at pickup", async () => {
    const failed = await onlineOrder("+447911124003", "failed@example.com");
    await stack.prisma.refund.create({ data: { orderId: failed.orderId, amountCents: 1020, status: "FAILED", lastError: "card_declined", settledAt: new Date() } });
    const first = senders();
    await notifyCustomer({ prisma: stack.prisma, smsSender: first.sms, emailSender: first.email, storeName: "Brewline", moneyFormat: euro, event: cancelledEvent(failed) });
    expect(first.sent.sms[0]).toContain(`We'll refund your payment of 10,20${nbsp}€ — talk to us if you don't see it in a few days.`);

    const counter = await placeTestOrder(stack, { phone: "+447911124004" });
    const second = senders();
    await notifyCustomer({ prisma: stack.prisma, smsSender: second.sms, emailSender: null, storeName: "Brewline", moneyFormat: euro, event: cancelledEvent(counter) });
    expect(second.sent.sms[0]).toBe(`Sorry Ada, your Brewline order #${counter.ticketNumber} was cancelled: Out of oat milk. Please see the barista.`);
  });
});
