import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { POST as startRouteUnsigned } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { POST as readyRouteUnsigned } from "../../app/api/kds/tickets/[id]/ready/route.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { errorToResponse } from "../../lib/http/handle-route.ts";
import { logger, setLogDestination } from "../../lib/log.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createSmtpEmailSender, type EmailSender } from "../../lib/notifications/email-sender.ts";
import { getOrderListener } from "../../lib/realtime/shop-listener.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";
import { asStaff } from "../support/staff-session.ts";

// Everything the web routes and the worker log for one whole order (placed through the
// route, queued, started, bumped, made ready, texted and emailed, with one failed email
// on the way) is captured at trace level, and must never contain the customer's phone
// number, email address or the order's public token (the key to its status page).

const lines: string[] = [];
const previousLevel = logger.level;
let stack: TestStack;
// Called as a signed-in manager (who may do everything a barista may); authorization.test.ts covers refusals.
const startRoute = asStaff(startRouteUnsigned, () => stack.prisma);
const readyRoute = asStaff(readyRouteUnsigned, () => stack.prisma);
let sink: MailSink;
let smtp: EmailSender;
let worker: Worker | undefined;

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  Object.assign(process.env, stack.env);
  sink = await startMailSink();
  smtp = createSmtpEmailSender({ smtpUrl: sink.smtpUrl, from: stack.config.MAIL_FROM });
  setLogDestination({ write: (line: string) => lines.push(line) });
  logger.level = "trace";
});
afterAll(async () => {
  await stopTestWorker(worker);
  setLogDestination(null);
  logger.level = previousLevel;
  smtp?.close();
  await sink?.close();
  await getOrderListener().stop();
  await getPrisma().$disconnect();
  await stack?.stop();
});

const phone = "+44 7911 123 321";
const phoneDigits = "447911123321";
const email = `Grace.Hopper.${Date.now()}@example.com`;

const json = (url: string, body: unknown) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("logs of a whole order", () => {
  it("never contain the phone number, email address or order token, but do name the order", async () => {
    // The first email fails the way SMTP servers report it: naming the recipient.
    let failures = 0;
    const emailSender: EmailSender = {
      send: async (mail) => {
        if (failures++ === 0) throw new Error(`Can't send mail - all recipients were rejected: 550 5.1.1 <${mail.to}>: mailbox busy`);
        return smtp.send(mail);
      },
      close: () => {},
    };
    worker = await startTestWorker(stack, { emailSender });

    const placed = await placeOrderRoute(
      json("http://localhost/api/orders", {
        idempotencyKey: `log-test-${Date.now()}-abcdef`,
        customerName: "Grace",
        phone,
        email,
        notifyConsent: true,
        items: [{ menuItemId: "latte", quantity: 1, note: `call me on ${phone} or ${email}` }],
      }),
      {},
    );
    expect(placed.status).toBe(201);
    const { statusUrl } = (await placed.json()) as { statusUrl: string };
    const token = statusUrl.split("/").pop()!;
    const order = await stack.prisma.order.findUniqueOrThrow({ where: { publicToken: token } });

    expect((await orderStatusRoute(new Request(`http://localhost/api/orders/${token}`), { params: Promise.resolve({ token }) })).status).toBe(200);
    await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status === "QUEUED", { what: "queued" });
    const params = { params: Promise.resolve({ id: order.id }) };
    expect((await startRoute(json(`http://localhost/api/kds/tickets/${order.id}/start`, { barista: "Sam" }), params)).status).toBe(200);
    expect((await readyRoute(json(`http://localhost/api/kds/tickets/${order.id}/ready`, {}), params)).status).toBe(202);

    await waitFor(
      async () => {
        const rows = await stack.prisma.notification.findMany({ where: { orderId: order.id } });
        return rows.length === 2 && rows.every((n) => n.status === "SENT");
      },
      { what: "SMS and email sent", timeoutMs: 20_000 },
    );
    expect(failures).toBe(2);

    // An unexpected error on the status route logs the request path, which holds the token.
    errorToResponse(new Error(`boom for ${email}`), "req-1", { method: "GET", path: `/api/orders/${token}/events` });

    const log = lines.join("");
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain(order.id);
    expect(log).toMatch(/notification failed|message handler failed/);
    expect(log).toContain("[redacted]");
    for (const secret of [phone, phoneDigits, "7911123321", "7911 123 321", email, email.toLowerCase(), "Grace.Hopper", token]) {
      expect(log, `log leaks ${secret}`).not.toContain(secret);
    }
  });
});
