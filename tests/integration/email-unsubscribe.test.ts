import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import UnsubscribePage from "../../app/(site)/unsubscribe/[token]/page.tsx";
import { GET, POST } from "../../app/api/unsubscribe/[token]/route.ts";
import { getConfig } from "../../lib/config.ts";
import { ONE_CLICK_WORDING, PAGE_BUTTON_WORDING, UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE } from "../../lib/consent/unsubscribe-by-token.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import { OPTED_OUT_REASON } from "../../lib/notifications/claim-notifications.ts";
import type { EmailSender } from "../../lib/notifications/email-sender.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { testBarista } from "../support/kitchen-actor.ts";
import { startMailStack, type MailStack } from "../support/mail-stack.ts";
import { placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// Email unsubscribe end to end: the in-process worker sends a ready email over SMTP with
// the shop's public address (PUBLIC_BASE_URL, http://localhost:3000 in tests) in its
// links; the one-click POST a mail provider would make goes to the route handler; the
// next order from that address gets its text but no email, recorded SKIPPED "opted out".

let mail: MailStack;
let worker: Worker | undefined;
/** What the worker handed the email sender (the links behind the List-Unsubscribe headers). */
const handed: Parameters<EmailSender["send"]>[0][] = [];

beforeAll(async () => {
  mail = await startMailStack();
  // The route handlers and the page read the config and Prisma client from the environment.
  Object.assign(process.env, mail.stack.env);
  const { emailSender } = mail;
  const recording: EmailSender = {
    send: (email) => {
      handed.push(email);
      return emailSender.send(email);
    },
    close: () => undefined,
  };
  worker = await startTestWorker(mail.stack, { emailSender: recording });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await getPrisma().$disconnect();
  await mail?.stop();
});

let people = 0;
const someone = () => {
  people++;
  return { phone: `+4479112${String(30000 + people)}`, email: `una${people}.${Date.now()}@example.com` };
};

/** Placed, queued by the worker, started and bumped: the worker then tells the customer. */
async function orderMadeReady(contact: { phone?: string; email?: string }) {
  const { prisma, transport } = mail.stack;
  const placed = await placeTestOrder(mail.stack, { customerName: "Una", ...contact });
  const status = async () => (await prisma.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { status: true } })).status;
  await waitFor(async () => (await status()) === "QUEUED", { what: "order queued" });
  await startOrder({ prisma, actor: testBarista, orderId: placed.orderId, barista: "Sam" });
  await requestReady({ prisma, actor: testBarista, transport, orderId: placed.orderId });
  await waitFor(async () => (await prisma.notification.count({ where: { orderId: placed.orderId, status: { in: ["SENT", "SKIPPED"] } } })) === Object.keys(contact).length, {
    what: "notifications settled",
  });
  return placed;
}

const emailsTo = async (address: string) => (await mail.sink.emails()).filter((e) => e.to.includes(address));
const params = (token: string) => ({ params: Promise.resolve({ token }) });
const TOKEN_URL = /^http:\/\/localhost:3000\/api\/unsubscribe\/([A-Za-z0-9_-]{32})$/;

/** As a mail provider sends it: no cookie, no Origin, the RFC 8058 body. */
const oneClick = (token: string, body = "List-Unsubscribe=One-Click", headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://localhost:3000/api/unsubscribe/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "192.0.2.10", ...headers },
      body,
    }),
    params(token),
  );

const renderPage = async (token: string) => renderToStaticMarkup((await UnsubscribePage(params(token))) as ReactElement);

describe("one-click unsubscribe from an email", () => {
  it("links every email to one token; GET changes nothing; the POST opts the address out, and its next order gets a text but no email", async () => {
    const who = someone();
    const { prisma } = mail.stack;

    await orderMadeReady(who);
    const [first] = await waitFor(async () => ((await emailsTo(who.email)).length === 1 ? emailsTo(who.email) : null), { what: "the ready email" });
    const links = handed.find((e) => e.to === who.email)!.unsubscribe!;
    const token = TOKEN_URL.exec(links.oneClickUrl)?.[1];
    expect(token, links.oneClickUrl).toBeDefined();
    expect(links.pageUrl).toBe(`http://localhost:3000/unsubscribe/${token}`);
    expect(await prisma.unsubscribeToken.findMany({ where: { recipient: who.email }, select: { token: true, channel: true } })).toEqual([{ token, channel: "EMAIL" }]);
    expect(first!.text.trimEnd()).toMatch(new RegExp(`Don't want these emails\\? Unsubscribe: ${links.pageUrl}$`));
    expect(first!.html).toContain(`<a href="${links.pageUrl}"`);
    // RFC 8058 as the SMTP server received it: the one-click URL, and the POST that says so.
    expect(first!.headers!["list-unsubscribe"]?.replace(/\s+/g, "")).toBe(`<${links.oneClickUrl}>`);
    expect(first!.headers!["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // A second email to the address carries the same link.
    await orderMadeReady({ email: who.email });
    await waitFor(async () => (await emailsTo(who.email)).length === 2, { what: "the second email" });
    expect(handed.filter((e) => e.to === who.email).map((e) => e.unsubscribe)).toEqual([links, links]);
    expect(await prisma.unsubscribeToken.count({ where: { recipient: who.email } })).toBe(1);

    // Link scanners open every URL: a GET only leads to the page, whose opening changes nothing either.
    const get = await GET(new Request(links.oneClickUrl), params(token!));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`/unsubscribe/${token}`);
    expect(await renderPage(token!)).toContain(`action="/api/unsubscribe/${token}"`);
    expect(await prisma.optOut.count({ where: { recipient: who.email } })).toBe(0);

    const response = await oneClick(token!);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ unsubscribed: true, message: expect.stringMatching(/^Unsubscribed/) });
    expect(await prisma.optOut.findMany({ where: { recipient: who.email }, select: { channel: true, source: true } })).toEqual([
      { channel: "EMAIL", source: "email-unsubscribe" },
    ]);
    expect(await prisma.consentRecord.findMany({ where: { recipient: who.email, action: "WITHDRAWN" }, select: { channel: true, source: true, wording: true } })).toEqual([
      { channel: "EMAIL", source: "email-unsubscribe", wording: ONE_CLICK_WORDING },
    ]);

    // Mail providers may send it twice.
    const again = await oneClick(token!);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unsubscribed: true, message: "This address was already unsubscribed." });
    expect(await prisma.optOut.count({ where: { recipient: who.email } })).toBe(1);

    // However it is typed at checkout, it is the same inbox. (Channels sort in the enum's order.)
    const next = await orderMadeReady({ phone: who.phone, email: who.email.toUpperCase() });
    expect(await prisma.notification.findMany({ where: { orderId: next.orderId }, select: { channel: true, status: true, lastError: true }, orderBy: { channel: "asc" } })).toEqual([
      { channel: "SMS", status: "SENT", lastError: null },
      { channel: "EMAIL", status: "SKIPPED", lastError: OPTED_OUT_REASON },
    ]);
    expect(await prisma.devSmsMessage.count({ where: { to: who.phone } })).toBe(2);
    await sleep(1000);
    expect(await emailsTo(who.email)).toHaveLength(2);
  });
});

describe("the unsubscribe page", () => {
  it("shows the masked address and a button; the button's form comes back to the page, which then says it is done", async () => {
    const who = someone();
    await orderMadeReady({ email: who.email });
    const token = TOKEN_URL.exec(handed.find((e) => e.to === who.email)!.unsubscribe!.oneClickUrl)![1]!;
    const store = getConfig().STORE_NAME;
    const masked = `u•••@e•••.com`;

    const before = await renderPage(token);
    expect(before).toContain(masked);
    expect(before).not.toContain(who.email);
    expect(before).toContain(store.replace(/&/g, "&amp;"));
    expect(before).toMatch(/<button type="submit"[^>]*>Unsubscribe<\/button>/);

    const form = new URLSearchParams({ "List-Unsubscribe": "One-Click", via: "page" }).toString();
    const response = await oneClick(token, form);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/unsubscribe/${token}`);
    expect((await mail.stack.prisma.consentRecord.findFirstOrThrow({ where: { recipient: who.email, action: "WITHDRAWN" } })).wording).toBe(PAGE_BUTTON_WORDING);

    const after = await renderPage(token);
    expect(after).toContain(`Done: <strong>${masked}</strong> will get no more emails from ${store.replace(/&/g, "&amp;")}.`);
    expect(after).not.toContain("<form");
  });
});

describe("bad unsubscribe requests", () => {
  it("an unknown token is a 404 with a clear message; a POST without the RFC 8058 body or not as a form is a 400, and nothing changes", async () => {
    const unknown = await oneClick("Z".repeat(32));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "NOT_FOUND", message: UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE } });

    const who = someone();
    await orderMadeReady({ email: who.email });
    const token = TOKEN_URL.exec(handed.find((e) => e.to === who.email)!.unsubscribe!.oneClickUrl)![1]!;
    const noField = await oneClick(token, "unsubscribe=yes");
    expect(noField.status).toBe(400);
    expect(((await noField.json()) as { error: { message: string } }).error.message).toContain("List-Unsubscribe=One-Click");
    const json = await oneClick(token, JSON.stringify({ "List-Unsubscribe": "One-Click" }), { "content-type": "application/json" });
    expect(json.status).toBe(400);

    // Multipart is what some mail clients send: accepted.
    const multipart = new FormData();
    multipart.set("List-Unsubscribe", "One-Click");
    const response = await POST(new Request(`http://localhost:3000/api/unsubscribe/${token}`, { method: "POST", body: multipart }), params(token));
    expect(response.status).toBe(200);
    expect(await mail.stack.prisma.optOut.count({ where: { recipient: who.email } })).toBe(1);
  });
});
