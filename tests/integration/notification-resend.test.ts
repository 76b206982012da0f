import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestNotificationResend } from "../../lib/dashboard/request-notification-resend.ts";
import { freePort } from "../../lib/embedded/free-port.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createSmtpEmailSender, type EmailSender } from "../../lib/notifications/email-sender.ts";
import { resendNotification } from "../../lib/notifications/resend-notification.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// A manager resends an email that failed for good (SMTP refused every attempt): the web
// writes an outbox row and sends it to the orders queue, the worker resets the
// notification and publishes the order's event again, the notifier sends the email once
// and leaves the text that already went out alone. A redelivered request does nothing.

let stack: TestStack;
let worker: Worker | undefined;
let sink: MailSink;
let smtp: EmailSender;
let fixSmtp: () => void;
const manager = { id: "manager-1", name: "Morgan" };

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  sink = await startMailSink();
  // Real SMTP both ways: first to a port nobody listens on (connection refused), then,
  // once "fixed", to the sink.
  const from = "Brewline <orders@brewline.test>";
  const down = createSmtpEmailSender({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from });
  const up = createSmtpEmailSender({ smtpUrl: sink.smtpUrl, from });
  let current = down;
  smtp = { send: (email) => current.send(email), close: () => [down, up].forEach((s) => s.close()) };
  fixSmtp = () => (current = up);
  worker = await startTestWorker(stack, { emailSender: smtp, retryDelaySeconds: () => 0 });
});
afterAll(async () => {
  await stopTestWorker(worker);
  smtp?.close();
  await sink?.close();
  await stack?.stop();
});

describe("resend a failed notification", () => {
  it("sends the failed email once more, not the text, and ignores a redelivered request", async () => {
    const order = await placeTestOrder(stack, { customerName: "Resendy", phone: "+447911123123", email: "resendy@example.com" });
    await waitFor(async () => (await stack.prisma.order.findUnique({ where: { id: order.orderId } }))?.status === "QUEUED", { what: "queued" });
    await requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId: order.orderId });

    const failed = await waitFor(
      async () => stack.prisma.notification.findFirst({ where: { orderId: order.orderId, channel: "EMAIL", status: "FAILED" } }),
      { what: "the email FAILED for good", timeoutMs: 30_000 },
    );
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const sms = await stack.prisma.notification.findFirstOrThrow({ where: { orderId: order.orderId, channel: "SMS" } });
    expect(sms.status).toBe("SENT");

    fixSmtp();
    const { outboxId } = await requestNotificationResend({ prisma: stack.prisma, transport: stack.transport, actor: manager, notificationId: failed.id });
    await expect(
      requestNotificationResend({ prisma: stack.prisma, transport: stack.transport, actor: manager, notificationId: failed.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const sent = await waitFor(
      async () => stack.prisma.notification.findFirst({ where: { id: failed.id, status: "SENT" } }),
      { what: "the resent email SENT" },
    );
    expect(sent.attempts).toBe(1);
    await waitFor(async () => (await sink.emails()).some((e) => e.to.includes("resendy@example.com")), { what: "email in the sink" });
    expect((await sink.emails()).filter((e) => e.to.includes("resendy@example.com"))).toHaveLength(1);
    expect(await stack.prisma.devSmsMessage.count({ where: { to: "+447911123123" } })).toBe(1);
    expect(await stack.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ processedAt: expect.any(Date) });

    // The same request delivered again (SQS at-least-once) changes nothing.
    const again = await resendNotification({
      prisma: stack.prisma,
      transport: stack.transport,
      message: { type: "notification.resend", outboxId, orderId: order.orderId, notificationId: failed.id },
    });
    expect(again).toBe("already-handled");
    const audit = await stack.prisma.auditLog.findMany({ where: { action: "notification.resend" } });
    expect(audit).toEqual([expect.objectContaining({ actorName: "Morgan", orderId: order.orderId })]);
    // Resending a notification that is not FAILED is refused.
    await expect(
      requestNotificationResend({ prisma: stack.prisma, transport: stack.transport, actor: manager, notificationId: sms.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
