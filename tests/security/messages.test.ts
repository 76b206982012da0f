import { describe, expect, it } from "vitest";
import { DAILY_LIMIT_REASON } from "../../lib/notifications/claim-notifications.ts";
import { signInOverHttp, TEST_ORIGIN } from "../support/staff-session.ts";
import { waitFor } from "../support/worker-harness.ts";
import { fakeOrder, postJson, send } from "./hostile-client.ts";
import { countRows, setupSecurityStack } from "./security-stack.ts";

// Texts under the shop's name to anyone: orders carrying a victim's number (or a
// premium-rate number that earns its owner per text), which the kitchen then cancels,
// each cancel texting and emailing "the customer". Replayed over HTTP against a
// production build and a worker process, with the app's default countries (the store's
// own, the US) and a daily limit of 2 messages per recipient.

const LIMIT = 2;
const sec = setupSecurityStack({
  worker: true,
  env: {
    // The app's default: the store's own country only.
    SMS_ALLOWED_COUNTRIES: undefined,
    NOTIFY_DAILY_LIMIT_PER_RECIPIENT: String(LIMIT),
    // The order rate limits are proven elsewhere; here they must not be what stops the attack.
    ORDER_RATE_LIMIT_PER_MINUTE: "1000",
    ORDER_RATE_LIMIT_PER_HOUR: "1000",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "1000",
    ORDER_RATE_LIMIT_PER_ADDRESS_PER_HOUR: "1000",
  },
});

const MOBILE_ONLY = "please give a mobile number: we can only send texts to United States mobile numbers";

let barista: Promise<string> | undefined;
const baristaCookie = () => (barista ??= signInOverHttp(sec.baseUrl, sec.stack.prisma, "barista"));

/** A kitchen action as a signed-in barista's tablet sends it. */
async function kitchen(path: string, body: unknown) {
  return postJson(`${sec.baseUrl}${path}`, body, { headers: { cookie: await baristaCookie(), origin: TEST_ORIGIN } });
}

/** An order over HTTP, waited for until the worker has put it on the board. */
async function placeQueued(contact: { phone?: string; email?: string }) {
  const response = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder({ ...contact, notifyConsent: true }));
  expect(response.status, response.text).toBe(201);
  const token = (response.json() as { statusUrl: string }).statusUrl.split("/").pop()!;
  return waitFor(
    async () => {
      const order = await sec.stack.prisma.order.findUnique({ where: { publicToken: token } });
      return order?.status === "QUEUED" ? order : null;
    },
    { what: "the order on the board", timeoutMs: 30_000 },
  );
}

const settled = async (recipients: string[]) =>
  (await sec.stack.prisma.notification.count({ where: { recipient: { in: recipients }, status: { in: ["PENDING", "SENDING"] } } })) === 0;
const texts = (phone: string) => sec.stack.prisma.devSmsMessage.count({ where: { to: phone } });
const emails = async (address: string) => (await sec.sink.emails()).filter((e) => e.to.includes(address)).length;

describe("numbers the shop will not text", () => {
  it.each([
    ["a US premium-rate number", "+1 900 555 0123"],
    ["a US toll-free number", "+1 888 555 0123"],
    ["a Jamaican mobile (+1, another country)", "+1 876 555 0123"],
    ["a UK premium-rate number", "+44 909 876 5432"],
    ["a UK mobile (another country)", "+44 7400 123456"],
    ["a UK landline", "+44 20 7946 0958"],
    ["a German mobile", "+49 170 1234567"],
  ])("%s is refused at checkout with a clear message, and nothing is written", async (_what, phone) => {
    const before = await countRows(sec.stack);
    const response = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder({ phone, notifyConsent: true }));
    expect(response.status, response.text).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: "VALIDATION", details: { issues: [{ path: "phone", message: MOBILE_ONLY }] } } });
    expect(await countRows(sec.stack)).toEqual(before);
  });

  it("is refused for a counter order too", async () => {
    const before = await countRows(sec.stack);
    const response = await kitchen("/api/kds/walk-up", { ...fakeOrder({ phone: "+1 900 555 0123", notifyConsent: true }), deviceId: undefined });
    expect(response.status, response.text).toBe(400);
    expect(response.text).toContain(MOBILE_ONLY);
    expect(await countRows(sec.stack)).toEqual(before);
  });
});

describe("a victim's number on many orders, all cancelled by the kitchen", () => {
  it(`reaches the victim ${LIMIT} times a day by text and by email; the rest are recorded SKIPPED and shown on the dashboard`, async () => {
    const victim = { phone: "+14155550142", email: "victim@example.com" };
    const orders: Awaited<ReturnType<typeof placeQueued>>[] = [];
    // The same person however the address is written.
    for (const email of [victim.email, "Victim@Example.com", victim.email]) orders.push(await placeQueued({ phone: victim.phone, email }));
    for (const order of orders) {
      const response = await kitchen(`/api/kds/tickets/${order.id}/cancel`, { reason: "Out of stock" });
      expect(response.status, response.text).toBe(200);
    }

    const recipients = [victim.phone, victim.email];
    await waitFor(
      async () => (await sec.stack.prisma.notification.count({ where: { recipient: { in: recipients } } })) === 2 * orders.length && (await settled(recipients)),
      { what: "every cancel handled by the notifier", timeoutMs: 60_000 },
    );
    const rows = await sec.stack.prisma.notification.findMany({ where: { recipient: { in: recipients } } });
    const tally = (channel: string, status: string) => rows.filter((r) => r.channel === channel && r.status === status).length;
    expect([tally("SMS", "SENT"), tally("SMS", "SKIPPED"), tally("EMAIL", "SENT"), tally("EMAIL", "SKIPPED")]).toEqual([LIMIT, 1, LIMIT, 1]);
    expect(rows.filter((r) => r.status === "SKIPPED").map((r) => r.lastError)).toEqual([DAILY_LIMIT_REASON, DAILY_LIMIT_REASON]);
    expect(await texts(victim.phone)).toBe(LIMIT);
    await expect.poll(() => emails(victim.email)).toBe(LIMIT);

    const manager = await signInOverHttp(sec.baseUrl, sec.stack.prisma, "manager");
    const page = await send({ url: `${sec.baseUrl}/dashboard/pipeline`, headers: { cookie: manager } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/>2(<!-- -->)? skipped today \(daily limit\)</);
    expect(page.text).toContain(DAILY_LIMIT_REASON);
  });
});

describe("a kitchen cancel as spam", () => {
  it("takes the ticket off the board and texts and emails nobody; the audit log says so", async () => {
    const victim = { phone: "+14155550143", email: "someone-else@example.com" };
    const spam = await placeQueued(victim);
    const response = await kitchen(`/api/kds/tickets/${spam.id}/cancel`, { spam: true });
    expect(response.status, response.text).toBe(200);
    expect(await sec.stack.prisma.order.findUniqueOrThrow({ where: { id: spam.id } })).toMatchObject({ status: "CANCELLED", cancelledAsSpam: true });
    expect(await sec.stack.prisma.outboxMessage.count({ where: { orderId: spam.id, type: "order.cancelled" } })).toBe(0);
    expect(await sec.stack.prisma.auditLog.findFirstOrThrow({ where: { orderId: spam.id, action: "order.cancel" } })).toMatchObject({
      summary: expect.stringMatching(/^Cancelled as spam \(customer not notified\)/),
    });
    const board = await send({ url: `${sec.baseUrl}/api/kds/tickets`, headers: { cookie: await baristaCookie() } });
    expect((board.json() as { tickets: { id: string }[] }).tickets.map((t) => t.id)).not.toContain(spam.id);

    // A real cancel after it, through the same worker, is told: by then the spam one
    // would have been too, had anything been sent for it.
    const real = { phone: "+14155550144", email: "real@example.com" };
    const control = await placeQueued(real);
    expect((await kitchen(`/api/kds/tickets/${control.id}/cancel`, { reason: "Out of stock" })).status).toBe(200);
    await waitFor(async () => (await texts(real.phone)) === 1 && (await emails(real.email)) === 1, { what: "the real customer told", timeoutMs: 60_000 });
    expect(await sec.stack.prisma.notification.count({ where: { orderId: spam.id } })).toBe(0);
    expect(await texts(victim.phone)).toBe(0);
    expect(await emails(victim.email)).toBe(0);
  });
});
