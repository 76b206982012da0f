import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../lib/errors.ts";
import { cancelTicket, SPAM_CANCEL_REASON } from "../../lib/kitchen/cancel-ticket.ts";
import { getKdsBoard } from "../../lib/kitchen/get-kds-board.ts";
import { recallOrder } from "../../lib/kitchen/recall-order.ts";
import type { EmailSender } from "../../lib/notifications/email-sender.ts";
import { cancelOrder } from "../../lib/orders/cancel-order.ts";
import { markOrderReady } from "../../lib/orders/mark-order-ready.ts";
import { getOrderStatus } from "../../lib/orders/get-order-status.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import { sendOutboxMessage } from "../../lib/outbox/send-outbox-message.ts";
import type { OrderReadyRequestedMessage } from "../../lib/messages/order-ready-requested.ts";
import type { Worker } from "../../worker/start-worker.ts";
import type { MailSink } from "../support/mail-sink.ts";
import { startMailStack, type MailStack } from "../support/mail-stack.ts";
import { markQueued } from "../support/orders.ts";
import type { TestStack } from "../support/test-stack.ts";
import { placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// Recall and kitchen cancellation through the real worker: orders queue, SNS topic,
// notifications queue, dev SMS inbox and an SMTP sink. What the customer receives is
// counted where it lands (DevSmsMessage rows, maildev's inbox).

let mail: MailStack | undefined;
let stack: TestStack;
let sink: MailSink;
let emailSender: EmailSender;
let worker: Worker | undefined;
beforeAll(async () => {
  mail = await startMailStack();
  ({ stack, sink, emailSender } = mail);
});
afterEach(async () => {
  await stopTestWorker(worker);
  worker = undefined;
});
afterAll(async () => {
  await mail?.stop();
});

let phones = 0;
const contact = () => {
  phones++;
  return { phone: `+4479111${String(20000 + phones)}`, email: `guest${phones}-${Date.now()}@example.com` };
};

const order = (orderId: string) => stack.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
const waitForStatus = (orderId: string, status: string) =>
  waitFor(async () => (await order(orderId)).status === status, { what: `order ${status}` });
const smsTo = (phone: string) => stack.prisma.devSmsMessage.findMany({ where: { to: phone }, orderBy: { createdAt: "asc" } });
const emailsTo = async (address: string) => (await sink.emails()).filter((e) => e.to.includes(address));
const events = (orderId: string, type: string) => stack.prisma.outboxMessage.findMany({ where: { orderId, destination: "EVENTS_TOPIC", type } });
const rejection = (p: Promise<unknown>) => p.then(() => expect.fail("expected a rejection"), (e: unknown) => e as AppError);

/** Placed with a phone and an email, then queued by the running worker. */
async function queuedWithContact(customerName: string) {
  const who = contact();
  const placed = await placeTestOrder(stack, { customerName, ...who });
  await waitForStatus(placed.orderId, "QUEUED");
  return { ...placed, ...who };
}

/** Waits until one SMS and one email reached the customer, then a little longer for any second one. */
async function expectOneOfEach(who: { phone: string; email: string }) {
  await waitFor(async () => (await smsTo(who.phone)).length > 0 && (await emailsTo(who.email)).length > 0, { what: "SMS and email" });
  await sleep(2500);
  const [sms, emails] = [await smsTo(who.phone), await emailsTo(who.email)];
  expect(sms).toHaveLength(1);
  expect(emails).toHaveLength(1);
  return { sms: sms[0]!, email: emails[0]! };
}

describe("recall", () => {
  it("brings a ready order back; bumped again it is READY again, and the customer was told once (one SMS, one email)", async () => {
    worker = await startTestWorker(stack, { emailSender });
    const placed = await queuedWithContact("Ana");
    await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId, barista: "Sam" });
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    await waitForStatus(placed.orderId, "READY");
    await expectOneOfEach(placed);

    expect(await recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId })).toEqual({ orderId: placed.orderId, ticketNumber: placed.ticketNumber, status: "IN_PROGRESS" });
    const recalled = await order(placed.orderId);
    expect(recalled).toMatchObject({ status: "IN_PROGRESS", readyAt: null, readyRequestedAt: null, claimedBy: "Sam", recalledAt: expect.any(Date) });
    expect(recalled.startedAt).not.toBeNull();
    expect((await getOrderStatus({ prisma: stack.prisma, where: { id: placed.orderId }, timeZone: "UTC" }))!.view.status).toBe("IN_PROGRESS");
    // Recalled again straight away: it is already on the board.
    expect(await rejection(recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId }))).toMatchObject({
      code: "CONFLICT",
      message: `Ticket #${placed.ticketNumber} is already back on the board`,
    });

    const again = await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    expect(again.created).toBe(true);
    await waitForStatus(placed.orderId, "READY");
    await waitFor(async () => (await stack.prisma.outboxMessage.count({ where: { orderId: placed.orderId, type: "order.ready_requested", processedAt: null } })) === 0, {
      what: "second ready request processed",
    });
    const { sms } = await expectOneOfEach(placed);
    expect(sms.body).toBe(`Ana, your ${stack.config.STORE_NAME} order #${placed.ticketNumber} is ready for pickup.`);
    // The second completion published nothing for the notifier.
    expect(await events(placed.orderId, "order.ready")).toHaveLength(1);

    // Even a second order.ready event (an older worker would have published one) cannot
    // reach the customer: the Notification rows are unique per order, event and channel.
    const duplicateId = crypto.randomUUID();
    const body = { type: "order.ready", outboxId: duplicateId, orderId: placed.orderId, ticketNumber: placed.ticketNumber, customerName: "Ana", readyAt: new Date().toISOString() };
    await stack.prisma.outboxMessage.create({ data: { id: duplicateId, orderId: placed.orderId, destination: "EVENTS_TOPIC", type: "order.ready", body } });
    expect(await sendOutboxMessage({ prisma: stack.prisma, transport: stack.transport, row: { id: duplicateId, orderId: placed.orderId, destination: "EVENTS_TOPIC", type: "order.ready", body } })).toBe(true);
    await waitFor(async () => (await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: duplicateId } })).processedAt !== null, { what: "duplicate event handled" });
    await expectOneOfEach(placed);
    expect(await stack.prisma.notification.count({ where: { orderId: placed.orderId } })).toBe(2);
  });

  it("a ready request sent before the recall does not complete the recalled order, nor is it sent again", async () => {
    const placed = await placeTestOrder(stack, { customerName: "Ben", ...contact() });
    await markQueued(stack.prisma, placed.orderId);
    await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId, barista: "Kai" });
    // Bumped while the worker is down, recalled before it gets to the message.
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    const [stale] = await stack.prisma.outboxMessage.findMany({ where: { orderId: placed.orderId, type: "order.ready_requested" } });
    await recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId });
    expect((await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: stale!.id } })).processedAt).not.toBeNull();

    worker = await startTestWorker(stack, { emailSender });
    // order.placed and order.ready_requested both handled.
    await waitFor(async () => worker!.health().processed >= 2, { what: "both messages handled" });
    expect(await order(placed.orderId)).toMatchObject({ status: "IN_PROGRESS", readyAt: null, readyRequestedAt: null });
    expect(await markOrderReady({ prisma: stack.prisma, transport: stack.transport, message: stale!.body as OrderReadyRequestedMessage })).toEqual({ completed: false });
    expect(await events(placed.orderId, "order.ready")).toHaveLength(0);
  });

  it("a request from before the recall cannot complete the order early once it was bumped again", async () => {
    const placed = await placeTestOrder(stack, { customerName: "Dee" });
    await markQueued(stack.prisma, placed.orderId);
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    await recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId });
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    const [first, second] = await stack.prisma.outboxMessage.findMany({ where: { orderId: placed.orderId, type: "order.ready_requested" }, orderBy: { createdAt: "asc" } });
    const complete = (row: typeof first) => markOrderReady({ prisma: stack.prisma, transport: stack.transport, message: row!.body as OrderReadyRequestedMessage });
    expect(await complete(first)).toEqual({ completed: false });
    expect((await order(placed.orderId)).status).toBe("IN_PROGRESS");
    expect(await complete(second)).toEqual({ completed: true });
    expect((await order(placed.orderId)).status).toBe("READY");
  });

  it("refuses tickets that were not bumped, and brings back one that is still on its way to READY", async () => {
    const placed = await placeTestOrder(stack, { customerName: "Cy" });
    await markQueued(stack.prisma, placed.orderId);
    expect(await rejection(recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId }))).toMatchObject({
      code: "CONFLICT",
      message: `Ticket #${placed.ticketNumber} has not been bumped`,
    });
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId });
    await recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId });
    // Bumped straight from QUEUED: it is being made now.
    expect(await order(placed.orderId)).toMatchObject({ status: "IN_PROGRESS", startedAt: expect.any(Date), readyRequestedAt: null });
    expect(await rejection(recallOrder({ prisma: stack.prisma, actor: testBarista, orderId: crypto.randomUUID() }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("kitchen cancel", () => {
  it("cancels with a reason the customer sees and is told once by SMS and email, even when every message is delivered twice", async () => {
    worker = await startTestWorker(stack, { emailSender });
    const placed = await queuedWithContact("Ana");
    await startOrder({ prisma: stack.prisma, actor: testBarista, orderId: placed.orderId, barista: "Sam" });
    const result = await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId, reason: "Out of oat milk", barista: "Sam" });
    expect(result).toEqual({ orderId: placed.orderId, ticketNumber: placed.ticketNumber, status: "CANCELLED" });
    expect(await order(placed.orderId)).toMatchObject({ status: "CANCELLED", cancelReason: "Out of oat milk", cancelledBy: "Sam", cancelledAt: expect.any(Date) });
    const view = (await getOrderStatus({ prisma: stack.prisma, where: { id: placed.orderId }, timeZone: "UTC" }))!.view;
    expect(view).toMatchObject({ status: "CANCELLED", cancelReason: "Out of oat milk", canCancel: false, etaMinutes: null });
    // Kitchen screens learn it was a cancellation (a chime and a notice), not a bump.
    const board = await getKdsBoard({ prisma: stack.prisma, timeZone: "UTC" });
    expect(board.tickets.map((t) => t.id)).not.toContain(placed.orderId);
    expect(board.cancelled[0]).toMatchObject({ id: placed.orderId, ticketNumber: placed.ticketNumber, reason: "Out of oat milk", cancelledBy: "Sam" });

    const { sms, email } = await expectOneOfEach(placed);
    const line = `Sorry Ana, your ${stack.config.STORE_NAME} order #${placed.ticketNumber} was cancelled: Out of oat milk. Please see the barista.`;
    expect(sms.body).toBe(line);
    expect(email.subject).toBe(`Your order #${placed.ticketNumber} was cancelled`);
    expect(email.text).toContain(line);
    const [event] = await events(placed.orderId, "order.cancelled");
    expect(event!.body).toMatchObject({ type: "order.cancelled", orderId: placed.orderId, ticketNumber: placed.ticketNumber, customerName: "Ana", reason: "Out of oat milk" });
    await waitFor(async () => (await stack.prisma.outboxMessage.count({ where: { orderId: placed.orderId, processedAt: null } })) === 0, { what: "all processed" });

    // The queue delivers the cancel and the original order.placed again, SNS the event.
    const handled = worker.health().processed;
    const rows = await stack.prisma.outboxMessage.findMany({ where: { orderId: placed.orderId, destination: "ORDERS_QUEUE" } });
    for (const row of rows) {
      await stack.transport.sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.config.ORDERS_QUEUE_URL,
          MessageBody: JSON.stringify(row.body),
          MessageGroupId: row.orderId,
          MessageDeduplicationId: `${row.id}:again`,
        }),
      );
    }
    await stack.transport.sns.send(
      new PublishCommand({
        TopicArn: stack.config.ORDER_EVENTS_TOPIC_ARN,
        Message: JSON.stringify(event!.body),
        MessageAttributes: { eventType: { DataType: "String", StringValue: "order.cancelled" } },
      }),
    );
    await waitFor(async () => worker!.health().processed >= handled + rows.length + 1, { what: "redeliveries handled" });
    await expectOneOfEach(placed);
    expect(await events(placed.orderId, "order.cancelled")).toHaveLength(1);
    // A late order.placed does not bring it back.
    expect((await order(placed.orderId)).status).toBe("CANCELLED");
  });

  it("cancels a bumped ticket (the worker then leaves it cancelled) but refuses READY, cancelled and unqueued ones", async () => {
    worker = await startTestWorker(stack, { emailSender });
    const bumped = await queuedWithContact("Bo");
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: bumped.orderId });
    const cancelled = await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: bumped.orderId, reason: "Spilled it" }).catch((e: unknown) => e as AppError);
    if ("code" in cancelled) {
      // The worker won the race and made it READY first: that is the refusal below.
      expect(cancelled).toMatchObject({ code: "CONFLICT", message: `Ticket #${bumped.ticketNumber} is already ready, so it can no longer be cancelled` });
    } else {
      await waitFor(async () => (await stack.prisma.outboxMessage.count({ where: { orderId: bumped.orderId, processedAt: null } })) === 0, { what: "all processed" });
      expect(await order(bumped.orderId)).toMatchObject({ status: "CANCELLED", cancelledBy: null, readyAt: null });
      expect(await events(bumped.orderId, "order.ready")).toHaveLength(0);
      expect(await rejection(cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: bumped.orderId, reason: "again" }))).toMatchObject({
        code: "CONFLICT",
        message: `Ticket #${bumped.ticketNumber} was already cancelled`,
      });
    }

    const ready = await queuedWithContact("Di");
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: ready.orderId });
    await waitForStatus(ready.orderId, "READY");
    expect(await rejection(cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: ready.orderId, reason: "Too late" }))).toMatchObject({
      code: "CONFLICT",
      message: `Ticket #${ready.ticketNumber} is already ready, so it can no longer be cancelled`,
    });
    expect((await order(ready.orderId)).status).toBe("READY");
    await stopTestWorker(worker);
    worker = undefined;

    const placed = await placeTestOrder(stack, { customerName: "Ed" });
    expect(await rejection(cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: placed.orderId, reason: "No" }))).toMatchObject({ code: "CONFLICT" });
    expect(await rejection(cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: crypto.randomUUID(), reason: "No" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("a spam cancel takes the ticket off the board and tells nobody, while a normal cancel beside it still tells its customer once", async () => {
    worker = await startTestWorker(stack, { emailSender });
    const spam = await queuedWithContact("Spammy");
    const real = await queuedWithContact("Real");
    const result = await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: spam.orderId, reason: SPAM_CANCEL_REASON, spam: true, barista: "Sam" });
    expect(result).toEqual({ orderId: spam.orderId, ticketNumber: spam.ticketNumber, status: "CANCELLED" });
    expect(await order(spam.orderId)).toMatchObject({ status: "CANCELLED", cancelledAsSpam: true, cancelReason: SPAM_CANCEL_REASON, cancelledBy: "Sam" });
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: spam.orderId, type: "order.cancelled" } })).toBe(0);
    expect((await getKdsBoard({ prisma: stack.prisma, timeZone: "UTC" })).tickets.map((t) => t.id)).not.toContain(spam.orderId);

    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: real.orderId, reason: "Out of oat milk", barista: "Sam" });
    expect((await order(real.orderId)).cancelledAsSpam).toBe(false);
    // By the time the real customer has been told (and a while after), the worker has
    // had every message there is.
    await expectOneOfEach(real);
    expect(await stack.prisma.notification.count({ where: { orderId: spam.orderId } })).toBe(0);
    expect(await smsTo(spam.phone)).toHaveLength(0);
    expect(await emailsTo(spam.email)).toHaveLength(0);
  });

  it("the customer's own cancel writes no message for the notifier", async () => {
    const placed = await placeTestOrder(stack, { customerName: "Fi", ...contact() });
    // Paid at pickup: nothing to refund either.
    expect(await cancelOrder({ prisma: stack.prisma, transport: stack.transport, publicToken: placed.publicToken })).toEqual({ status: "CANCELLED", refund: null });
    expect(await stack.prisma.outboxMessage.count({ where: { orderId: placed.orderId, type: { in: ["order.cancelled", "payment.refund"] } } })).toBe(0);
    expect((await order(placed.orderId)).cancelledBy).toBeNull();
  });
});
