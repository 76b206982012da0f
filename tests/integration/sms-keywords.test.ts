import { PublishCommand } from "@aws-sdk/client-sns";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { OPTED_OUT_REASON } from "../../lib/notifications/claim-notifications.ts";
import { handleInboundSms } from "../../lib/notifications/handle-inbound-sms.ts";
import { helpReply, stopReply, type InboundSmsMessage } from "../../lib/notifications/inbound-sms.ts";
import { createDevSmsInboxSender, type SmsSender } from "../../lib/notifications/sms-sender.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { testBarista } from "../support/kitchen-actor.ts";
import { startMailStack, type MailStack } from "../support/mail-stack.ts";
import { placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// STOP / HELP / START texts the way they arrive on AWS: published to the inbound SMS topic,
// delivered to the notifications queue, handled by a real worker. What the customer gets
// back is counted where it lands (DevSmsMessage rows, the SMTP sink).

let ctx: MailStack;
let worker: Worker | undefined;
beforeAll(async () => {
  ctx = await startMailStack();
  worker = await startTestWorker(ctx.stack, { emailSender: ctx.emailSender });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await ctx?.stop();
});

let people = 0;
const customer = () => {
  people++;
  return { phone: `+4479111${String(30000 + people)}`, email: `texter${people}-${Date.now()}@example.com` };
};

/** What AWS End User Messaging SMS publishes for one text to the shop's number. */
const inboundText = (from: string, body: string): InboundSmsMessage => ({
  originationNumber: from,
  destinationNumber: "+12125550101",
  messageKeyword: "KEYWORD_123456789012",
  messageBody: body,
  inboundMessageId: crypto.randomUUID(),
});

const publish = (message: unknown) =>
  ctx.stack.transport.sns.send(
    new PublishCommand({ TopicArn: ctx.stack.config.INBOUND_SMS_TOPIC_ARN, Message: typeof message === "string" ? message : JSON.stringify(message) }),
  );

const textsTo = (phone: string) => ctx.stack.prisma.devSmsMessage.findMany({ where: { to: phone }, orderBy: { createdAt: "asc" }, select: { body: true } });
const emailsTo = async (address: string) => (await ctx.sink.emails()).filter((e) => e.to.includes(address));
const smsLedger = (phone: string) =>
  ctx.stack.prisma.consentRecord.findMany({ where: { channel: "SMS", recipient: phone, source: "sms-reply" }, orderBy: { at: "asc" }, select: { action: true, wording: true } });
const optedOut = (phone: string) => ctx.stack.prisma.optOut.findUnique({ where: { channel_recipient: { channel: "SMS", recipient: phone } }, select: { source: true } });

/** Sends a text to the shop and waits until the worker recorded it (and answered it, when it answers). */
async function text(from: string, body: string, { replies = 1 } = {}) {
  const before = (await textsTo(from)).length;
  const message = inboundText(from, body);
  await publish(message);
  await waitFor(() => ctx.stack.prisma.inboundSms.findUnique({ where: { id: message.inboundMessageId } }), { what: `"${body}" recorded` });
  if (replies > 0) await waitFor(async () => (await textsTo(from)).length >= before + replies, { what: `the reply to "${body}"` });
  return message;
}

/** An order with this phone (and email) made ready in the kitchen; resolves once its notifications settled. */
async function readyOrder(who: { phone: string; email?: string }) {
  const placed = await placeTestOrder(ctx.stack, { customerName: "Tex", ...who });
  await waitFor(async () => (await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id: placed.orderId } })).status === "QUEUED", { what: "order queued" });
  await requestReady({ prisma: ctx.stack.prisma, actor: testBarista, transport: ctx.stack.transport, orderId: placed.orderId });
  const channels = who.email ? 2 : 1;
  return waitFor(
    async () => {
      const rows = await ctx.stack.prisma.notification.findMany({ where: { orderId: placed.orderId }, select: { channel: true, status: true, lastError: true } });
      return rows.length === channels && rows.every((r) => r.status !== "SENDING" && r.status !== "PENDING") && rows;
    },
    { what: "the order's notifications" },
  );
}

describe("texts to the shop", () => {
  it("STOP opts the number out with one confirmation, its next order gets no text (email still goes), HELP answers, START resumes", async () => {
    const who = customer();
    await text(who.phone, "Stop.");
    expect(await optedOut(who.phone)).toEqual({ source: "sms-reply" });
    expect(await smsLedger(who.phone)).toEqual([{ action: "WITHDRAWN", wording: "Stop." }]);

    const whileOut = await readyOrder(who);
    expect(whileOut).toEqual(
      expect.arrayContaining([
        { channel: "SMS", status: "SKIPPED", lastError: OPTED_OUT_REASON },
        { channel: "EMAIL", status: "SENT", lastError: null },
      ]),
    );
    await waitFor(async () => (await emailsTo(who.email)).length === 1, { what: "the ready email" });
    // The confirmation is the one text the number got.
    expect(await textsTo(who.phone)).toEqual([{ body: stopReply(ctx.stack.config.STORE_NAME) }]);

    // HELP from an opted-out number is not answered; from one that is in, it is.
    await text(who.phone, "help", { replies: 0 });
    await text(who.phone, "START");
    expect(await optedOut(who.phone)).toBeNull();
    expect(await smsLedger(who.phone)).toEqual([
      { action: "WITHDRAWN", wording: "Stop." },
      { action: "GRANTED", wording: "START" },
    ]);
    await text(who.phone, "HELP");
    const texts = (await textsTo(who.phone)).map((t) => t.body);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/resubscribed/);
    expect(texts[2]).toBe(helpReply(ctx.stack.config.STORE_NAME, ctx.stack.config.PUBLIC_BASE_URL));

    const afterStart = await readyOrder({ phone: who.phone });
    expect(afterStart).toEqual([{ channel: "SMS", status: "SENT", lastError: null }]);
    expect(await textsTo(who.phone)).toHaveLength(4);
  });

  it("handles a text delivered twice once: one row, one ledger entry, one reply", async () => {
    const who = customer();
    const message = await text(who.phone, "STOP");
    const handled = worker!.health().processed;
    await publish(message);
    await publish(message);
    await waitFor(async () => worker!.health().processed >= handled + 2, { what: "both redeliveries handled" });
    expect(await ctx.stack.prisma.inboundSms.count({ where: { fromNumber: who.phone } })).toBe(1);
    expect(await smsLedger(who.phone)).toHaveLength(1);
    expect(await textsTo(who.phone)).toHaveLength(1);
    expect(await ctx.stack.prisma.inboundSms.findUniqueOrThrow({ where: { id: message.inboundMessageId } })).toMatchObject({
      keyword: "STOP",
      repliedAt: expect.any(Date),
      replyProviderId: expect.stringMatching(/^dev-sms:/),
    });
  });

  it("releases the reply's claim when the send fails, so SQS's retry answers once", async () => {
    const who = customer();
    const message = inboundText(who.phone, "HELP");
    const deps = { prisma: ctx.stack.prisma, storeName: "Brewline", storeContact: "call 555-0100" };
    const broken: SmsSender = { send: () => Promise.reject(new Error("SNS throttled")) };
    await expect(handleInboundSms({ ...deps, smsSender: broken, message })).rejects.toThrow(/SNS throttled/);
    expect(await ctx.stack.prisma.inboundSms.findUniqueOrThrow({ where: { id: message.inboundMessageId } })).toMatchObject({ replyClaimedAt: null, repliedAt: null });

    const inbox = createDevSmsInboxSender(ctx.stack);
    expect(await handleInboundSms({ ...deps, smsSender: inbox, message })).toEqual({ keyword: "HELP", recorded: false, replied: true });
    expect(await handleInboundSms({ ...deps, smsSender: inbox, message })).toEqual({ keyword: "HELP", recorded: false, replied: false });
    expect(await textsTo(who.phone)).toEqual([{ body: "Brewline: order-ready texts. Help: call 555-0100. Reply STOP to opt out." }]);
  });

  it("records other texts without answering or changing consent", async () => {
    const who = customer();
    const message = await text(who.phone, "where is my latte?", { replies: 0 });
    await sleep(1000);
    expect(await ctx.stack.prisma.inboundSms.findUniqueOrThrow({ where: { id: message.inboundMessageId } })).toMatchObject({ keyword: "OTHER", repliedAt: null });
    expect(await textsTo(who.phone)).toHaveLength(0);
    expect(await smsLedger(who.phone)).toHaveLength(0);
  });

  it("leaves junk on the inbound topic for the dead-letter queue without stopping the worker", async () => {
    const junk = ["STOP", JSON.stringify({ originationNumber: "+447911199999", messageBody: "STOP" }), JSON.stringify({ ...inboundText("not a number", "STOP") })];
    for (const body of junk) await publish(body);
    const dead: string[] = [];
    await waitFor(
      async () => {
        const out = await ctx.stack.transport.sqs.send(new ReceiveMessageCommand({ QueueUrl: ctx.stack.config.NOTIFICATIONS_DLQ_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        dead.push(...(out.Messages ?? []).map((m) => m.Body!));
        return dead.length >= junk.length;
      },
      { what: "the junk in the DLQ" },
    );
    expect(dead.sort()).toEqual([...junk].sort());
    expect(await ctx.stack.prisma.optOut.count({ where: { recipient: "+447911199999" } })).toBe(0);
    // Still answering texts.
    const who = customer();
    await text(who.phone, "STOP");
    expect(worker!.health().status).toBe("ok");
  });
});
