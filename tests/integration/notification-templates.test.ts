import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cancelTicket } from "../../lib/kitchen/cancel-ticket.ts";
import { listTemplates } from "../../lib/notifications/list-templates.ts";
import { resetTemplate } from "../../lib/notifications/reset-template.ts";
import { saveTemplate } from "../../lib/notifications/save-template.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import type { Worker } from "../../worker/start-worker.ts";
import type { MailSink } from "../support/mail-sink.ts";
import { startMailStack, type MailStack } from "../support/mail-stack.ts";
import type { TestStack } from "../support/test-stack.ts";
import { placeTestOrder, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The manager's message templates as the real worker sends them: SMS (DevSmsMessage
// rows) and email (an SMTP sink), the next message after a change using it.

const actor = { id: "manager-1", name: "Morgan" };
let mail: MailStack | undefined;
let stack: TestStack;
let sink: MailSink;
let worker: Worker | undefined;
beforeAll(async () => {
  mail = await startMailStack();
  ({ stack, sink } = mail);
  worker = await startTestWorker(stack, { emailSender: mail.emailSender });
});
afterEach(async () => {
  for (const key of ["order.ready:SMS", "order.ready:EMAIL", "order.cancelled:SMS"] as const) await resetTemplate({ prisma: stack.prisma, actor, key });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await mail?.stop();
});

let guests = 0;
async function queuedOrder(customerName: string) {
  guests++;
  const who = { phone: `+4479111${String(30000 + guests)}`, email: `tpl${guests}-${Date.now()}@example.com` };
  const placed = await placeTestOrder(stack, { customerName, ...who });
  await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: placed.orderId } })).status === "QUEUED", { what: "QUEUED" });
  return { ...placed, ...who };
}
const smsTo = (phone: string) => waitFor(async () => (await stack.prisma.devSmsMessage.findMany({ where: { to: phone } }))[0], { what: `SMS to ${phone}` });
const emailTo = (address: string) => waitFor(async () => (await sink.emails()).find((e) => e.to.includes(address)), { what: `email to ${address}` });

describe("templates in the notifier", () => {
  it("sends the manager's ready wording by SMS and email (name escaped in the HTML), and the built-in one after a reset", async () => {
    const prisma = stack.prisma;
    await saveTemplate({ prisma, actor, key: "order.ready:SMS", template: { subject: null, body: "{name}: #{ticket} is up at {store}!" } });
    await saveTemplate({ prisma, actor, key: "order.ready:EMAIL", template: { subject: "Ticket {ticket} ready", body: "Hi {name},\n\nyour drink is waiting." } });
    expect((await listTemplates({ prisma })).find((t) => t.key === "order.ready:SMS")).toMatchObject({ custom: true, updatedBy: "Morgan" });
    expect((await prisma.auditLog.findFirst({ where: { actorId: actor.id }, orderBy: { at: "desc" } }))!.summary).toBe("Changed the order ready email template");

    const order = await queuedOrder("<b>Bo</b>");
    await startOrder({ prisma, actor: testBarista, orderId: order.orderId, barista: "Sam" });
    await requestReady({ prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });
    expect((await smsTo(order.phone)).body).toBe(`<b>Bo</b>: #${order.ticketNumber} is up at ${stack.config.STORE_NAME}!`);
    const email = await emailTo(order.email);
    expect(email.subject).toBe(`Ticket ${order.ticketNumber} ready`);
    expect(email.html).toContain("<p>Hi &lt;b&gt;Bo&lt;/b&gt;,</p><p>your drink is waiting.</p>");
    expect(email.text).toContain("Hi <b>Bo</b>,\n\nyour drink is waiting.");

    await resetTemplate({ prisma, actor, key: "order.ready:SMS" });
    const next = await queuedOrder("Ada");
    await startOrder({ prisma, actor: testBarista, orderId: next.orderId, barista: "Sam" });
    await requestReady({ prisma, actor: testBarista, transport: stack.transport, orderId: next.orderId });
    expect((await smsTo(next.phone)).body).toBe(`Ada, your ${stack.config.STORE_NAME} order #${next.ticketNumber} is ready for pickup.`);
  });

  it("puts the barista's reason into a cancellation template", async () => {
    await saveTemplate({ prisma: stack.prisma, actor, key: "order.cancelled:SMS", template: { subject: null, body: "{name}, #{ticket} is off: {reason}." } });
    const order = await queuedOrder("Ana");
    await cancelTicket({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId, reason: "Out of oat milk!", barista: "Sam" });
    expect((await smsTo(order.phone)).body).toBe(`Ana, #${order.ticketNumber} is off: Out of oat milk.`);
  });

  it("refuses unknown placeholders with the field that has them", async () => {
    await expect(saveTemplate({ prisma: stack.prisma, actor, key: "order.ready:EMAIL", template: { subject: "Hi {nam}", body: "ok" } })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fields: { subject: "unknown placeholder {nam}: use {name}, {ticket}, {store}" } },
    });
  });
});
