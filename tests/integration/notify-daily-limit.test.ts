import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSkippedNotifications } from "../../lib/dashboard/list-skipped-notifications.ts";
import { DAILY_LIMIT_REASON } from "../../lib/notifications/claim-notifications.ts";
import { createDevSmsInboxSender, type SmsSender } from "../../lib/notifications/sms-sender.ts";
import type { OrderCancelledEvent } from "../../lib/messages/order-cancelled-event.ts";
import type { OrderReadyEvent } from "../../lib/messages/order-ready.ts";
import { createNotificationMessageHandler } from "../../worker/handle-notification-message.ts";
import { startMailStack, type MailStack } from "../support/mail-stack.ts";
import { placeTestOrder, readyEventFor } from "../support/worker-harness.ts";

// The notifier's per-recipient daily limit against real Postgres and a real SMTP sink:
// orders made up with someone else's number and address, all made ready or cancelled,
// reach that person at most the limit's worth of times a day, however many orders, events
// and workers are involved; the rest are recorded SKIPPED with the reason.

let ctx: MailStack;
beforeAll(async () => {
  ctx = await startMailStack();
});
afterAll(() => ctx?.stop());

let people = 0;
/** A recipient of this test only: counts in a shared database stay per test. */
function victim() {
  people++;
  return { phone: `+1415555${String(1000 + people).padStart(4, "0")}`, email: `victim${people}.${Date.now()}@example.com` };
}

function handlerWith(limit: number, smsSender: SmsSender = createDevSmsInboxSender(ctx.stack)) {
  const handle = createNotificationMessageHandler({
    prisma: ctx.stack.prisma,
    smsSender,
    emailSender: ctx.emailSender,
    storeName: "Brewline",
    dailyLimitPerRecipient: limit,
  });
  let n = 0;
  return (event: OrderReadyEvent | OrderCancelledEvent) => handle({ messageId: `m-${++n}`, body: JSON.stringify(event), receiptHandle: "r", receiveCount: 1 });
}


const texts = (phone: string) => ctx.stack.prisma.devSmsMessage.count({ where: { to: phone } });
const emails = async (address: string) => (await ctx.sink.emails()).filter((e) => e.to.includes(address)).length;
const statuses = async (recipient: string) =>
  (await ctx.stack.prisma.notification.findMany({ where: { recipient }, orderBy: [{ createdAt: "asc" }, { order: { ticketNumber: "asc" } }] })).map((n) => [
    n.status,
    n.lastError,
  ]);

describe("per-recipient daily limit", () => {
  it("sends a recipient the limit's worth across orders and events, records the rest SKIPPED, and a redelivery sends nothing", async () => {
    const who = victim();
    const handle = handlerWith(2);
    // However the address is written, it is one inbox.
    const orders: Awaited<ReturnType<typeof placeTestOrder>>[] = [];
    for (const email of [who.email, who.email.toUpperCase(), who.email, who.email]) orders.push(await placeTestOrder(ctx.stack, { phone: who.phone, email }));
    const events = orders.map((o) => readyEventFor(o));
    for (const event of events) await handle(event);
    // A kitchen cancel of an order already told it is ready is one more message: held back too.
    await handle({ type: "order.cancelled", outboxId: crypto.randomUUID(), orderId: orders[0]!.orderId, ticketNumber: orders[0]!.ticketNumber, customerName: "Ada", reason: "x", cancelledAt: new Date().toISOString() });

    const expected = [
      ["SENT", null],
      ["SENT", null],
      ["SKIPPED", DAILY_LIMIT_REASON],
      ["SKIPPED", DAILY_LIMIT_REASON],
      ["SKIPPED", DAILY_LIMIT_REASON],
    ];
    expect(await statuses(who.phone)).toEqual(expected);
    expect(await statuses(who.email)).toEqual(expected);
    expect(await texts(who.phone)).toBe(2);
    await expect.poll(() => emails(who.email)).toBe(2);

    // SQS delivers every event again: the unique claim still sends nothing twice, and a
    // skipped message stays skipped.
    for (const event of events) await handle(event);
    expect(await statuses(who.phone)).toEqual(expected);
    expect(await texts(who.phone)).toBe(2);
    expect(await emails(who.email)).toBe(2);

    // Somebody else is not held back by it.
    const other = victim();
    await handle(readyEventFor(await placeTestOrder(ctx.stack, other)));
    expect(await statuses(other.phone)).toEqual([["SENT", null]]);

    // The dashboard shows them with the reason, and counts today's.
    const skipped = await listSkippedNotifications({ prisma: ctx.stack.prisma, timeZone: "UTC" });
    expect(skipped.dailyLimitToday).toBe(6);
    const last = skipped.recent.filter((n) => n.ticketNumber === orders[3]!.ticketNumber);
    expect(last).toHaveLength(2);
    expect(last).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: "SKIPPED", lastError: DAILY_LIMIT_REASON, channel: "SMS", recipient: expect.stringMatching(/^\+•+\d{3}$/) }),
        expect.objectContaining({ status: "SKIPPED", lastError: DAILY_LIMIT_REASON, channel: "EMAIL" }),
      ]),
    );
    const tomorrow = await listSkippedNotifications({ prisma: ctx.stack.prisma, timeZone: "UTC", now: new Date(Date.now() + 86_400_000) });
    expect(tomorrow.dailyLimitToday).toBe(0);
  });

  it("counts the last 24 hours only", async () => {
    const who = victim();
    const handle = handlerWith(1);
    await handle(readyEventFor(await placeTestOrder(ctx.stack, { phone: who.phone })));
    await handle(readyEventFor(await placeTestOrder(ctx.stack, { phone: who.phone })));
    expect(await statuses(who.phone)).toEqual([["SENT", null], ["SKIPPED", DAILY_LIMIT_REASON]]);

    await ctx.stack.prisma.notification.updateMany({ where: { recipient: who.phone }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    await handle(readyEventFor(await placeTestOrder(ctx.stack, { phone: who.phone })));
    expect((await statuses(who.phone)).at(-1)).toEqual(["SENT", null]);
    expect(await texts(who.phone)).toBe(2);
  });

  it("skips a failed message's retry once the recipient has had the day's messages", async () => {
    const who = victim();
    const broken: SmsSender = { send: () => Promise.reject(new Error("SNS throttled")) };
    const first = await placeTestOrder(ctx.stack, { phone: who.phone });
    await expect(handlerWith(1, broken)(readyEventFor(first))).rejects.toThrow(/SNS throttled/);
    expect(await statuses(who.phone)).toEqual([["PENDING", "SNS throttled"]]);

    const handle = handlerWith(1);
    await handle(readyEventFor(await placeTestOrder(ctx.stack, { phone: who.phone })));
    // SQS retries the first event: its PENDING row is not sent any more.
    await handle(readyEventFor(first));
    const rows = await ctx.stack.prisma.notification.findMany({ where: { recipient: who.phone }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.status, r.lastError, r.attempts])).toEqual([
      ["SKIPPED", DAILY_LIMIT_REASON, 1],
      ["SENT", null, 1],
    ]);
    expect(await texts(who.phone)).toBe(1);
  });

  it("lets exactly the limit through when many workers send to one recipient at the same moment", async () => {
    const limit = 3;
    // A few rounds: without the lock, a round lets 4 to 10 through most of the time.
    for (let round = 0; round < 4; round++) {
      const who = victim();
      const orders = await Promise.all(Array.from({ length: 12 }, () => placeTestOrder(ctx.stack, { phone: who.phone })));
      // Separate handlers, as separate workers would be, all at once on the pool's connections.
      await Promise.all(orders.map((order) => handlerWith(limit)(readyEventFor(order))));
      const rows = await ctx.stack.prisma.notification.groupBy({ by: ["status"], where: { recipient: who.phone }, _count: { _all: true } });
      expect(Object.fromEntries(rows.map((r) => [r.status, r._count._all])), `round ${round}`).toEqual({ SENT: limit, SKIPPED: 12 - limit });
      expect(await texts(who.phone)).toBe(limit);
    }
  });

  it("has no limit at 0", async () => {
    const who = victim();
    const handle = handlerWith(0);
    for (let i = 0; i < 12; i++) await handle(readyEventFor(await placeTestOrder(ctx.stack, { phone: who.phone })));
    expect(await texts(who.phone)).toBe(12);
  });
});
