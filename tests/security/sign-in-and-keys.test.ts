import { describe, expect, it } from "vitest";
import { lanAddress, reachable } from "../support/network.ts";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import { startWorkerChild } from "../chaos/worker-children.ts";
import { placeQueuedOrder } from "../support/orders.ts";
import { signInOverHttp, TEST_ORIGIN } from "../support/staff-session.ts";
import { fakeOrder, postJson, send } from "./hostile-client.ts";
import { countRows, setupSecurityStack } from "./security-stack.ts";

// Sign-in and keys, attacked over HTTP against a production build: a `next` that leads
// off the site, a one-time password found in an old log, a screen locked by its own
// users, an idempotency key replayed to get someone's order, a forged cross-site staff
// action, and the worker's health port seen from the network.

const sec = setupSecurityStack();
const EVIL = "https://evil.example";
/** The shop's own pages: PUBLIC_BASE_URL of the test stack. */
const own = { origin: TEST_ORIGIN };

// Query strings as an attacker writes them into a link (Next decodes them before the
// page sees `next`): the issue's `/%09/evil.example` arrives as "/\t/evil.example".
const HOSTILE_QUERIES = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "//evil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%2F%2Fevil.example",
  "https://evil.example",
  "https:evil.example",
  "javascript:alert(document.domain)",
  "/.//evil.example",
  "/x/..//evil.example",
  "%20/kds",
];

/** Where a browser on the shop's address ends up following `location`. */
const destination = (location: string) => new URL(location, TEST_ORIGIN);

// Signing in is rate-limited per address; one session per role serves every check.
const sessions = new Map<"manager" | "barista", Promise<string>>();
const sessionOf = (role: "manager" | "barista") => {
  if (!sessions.has(role)) sessions.set(role, signInOverHttp(sec.baseUrl, sec.stack.prisma, role));
  return sessions.get(role)!;
};

describe("an open redirect through ?next= after sign-in", () => {
  it.each(HOSTILE_QUERIES)("?next=%s never sends a signed-in browser off the site", async (query) => {
    const response = await send({ url: `${sec.baseUrl}/sign-in?next=${query}`, headers: { cookie: await sessionOf("manager") } });
    expect(response.status).toBe(307);
    expect(response.headers.location).toBe("/kds");
  });

  it.each(HOSTILE_QUERIES)("?next=%s is not handed to the sign-in form (which navigates after signing in)", async (query) => {
    const page = await send({ url: `${sec.baseUrl}/sign-in?next=${query}` });
    expect(page.status).toBe(200);
    expect(formTarget(page.text)).toBe("/kds");
  });

  it("keeps an encoded look-alike as a path on the site", async () => {
    // `next` is "/%2F%2Fevil.example" itself: a path segment of ours, not a host.
    const response = await send({ url: `${sec.baseUrl}/sign-in?next=${encodeURIComponent("/%2F%2Fevil.example")}`, headers: { cookie: await sessionOf("manager") } });
    expect(destination(String(response.headers.location)).origin).toBe(TEST_ORIGIN);
  });

  it("keeps a real same-site destination, query included", async () => {
    const next = "/kds?station=Brew%20bar";
    const page = await send({ url: `${sec.baseUrl}/sign-in?next=${encodeURIComponent(next)}` });
    expect(formTarget(page.text)).toBe(next);
    const response = await send({ url: `${sec.baseUrl}/sign-in?next=${encodeURIComponent(next)}`, headers: { cookie: await sessionOf("barista") } });
    expect([response.status, response.headers.location]).toEqual([307, next]);
  });
});

/** The `next` the server rendered into the sign-in form's props (the RSC payload in the page). */
function formTarget(html: string): string | undefined {
  // The payload is a JS string inside the page: quotes arrive escaped as \".
  const props = /\\"next\\":\\"((?:[^\\]|\\\\.)*?)\\",\\"mustChange\\"/.exec(html) ?? /"next":"((?:[^"\\]|\\.)*)","mustChange"/.exec(html);
  if (!props) return undefined;
  return JSON.parse(`"${props[1]!.replace(/\\\\/g, "\\")}"`) as string;
}

describe("a one-time password from an old log", () => {
  it("is refused after 24 hours, with the way out; nothing is signed in", async () => {
    const email = `old-log-${Date.now()}@test.brewline`;
    const { id, oneTimePassword } = await addStaff({ prisma: sec.stack.prisma, email, name: "Old Log", role: "manager" });
    await sec.stack.prisma.user.update({ where: { id }, data: { oneTimePasswordExpiresAt: new Date(Date.now() - 60_000) } });

    const response = await postJson(`${sec.baseUrl}/api/auth/sign-in/email`, { email, password: oneTimePassword }, { from: "127.0.0.41", headers: own });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ code: "ONE_TIME_PASSWORD_EXPIRED", message: expect.stringContaining(`npm run staff -- reset ${email}`) });
    expect(String(response.headers["set-cookie"] ?? "")).not.toMatch(/session_token=[^;]/);
    expect(await sec.stack.prisma.session.count({ where: { userId: id } })).toBe(0);

    // A guess at the password says no more than it would for an address with no account.
    const guess = await postJson(`${sec.baseUrl}/api/auth/sign-in/email`, { email, password: "a guess at the password" }, { from: "127.0.0.41", headers: own });
    const nobody = await postJson(`${sec.baseUrl}/api/auth/sign-in/email`, { email: `nobody-${Date.now()}@test.brewline`, password: "a guess at the password" }, { from: "127.0.0.41", headers: own });
    expect([guess.status, guess.json()]).toEqual([nobody.status, nobody.json()]);
  });
});

describe("a kitchen tablet passed between baristas all morning", () => {
  it("locks nobody out: after many right PINs a colleague still switches", async () => {
    // A screen of its own: each switch ends the session it replaces.
    let screen = await signInOverHttp(sec.baseUrl, sec.stack.prisma, "barista");
    const stamp = Date.now();
    const jo = await addStaff({ prisma: sec.stack.prisma, email: `jo-${stamp}@test.brewline`, name: "Jo", role: "barista", pin: "2468" });
    const kim = await addStaff({ prisma: sec.stack.prisma, email: `kim-${stamp}@test.brewline`, name: "Kim", role: "barista", pin: "1357" });
    const switchTo = async (userId: string, pin: string) => {
      const response = await postJson(`${sec.baseUrl}/api/auth/staff/pin-switch`, { userId, pin }, { from: "127.0.0.42", headers: { ...own, cookie: screen } });
      const cookie = [response.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]!).filter((c) => !c.endsWith("=")).join("; ");
      if (response.status === 200) screen = cookie;
      return response.status;
    };
    for (let i = 0; i < 6; i++) expect(await switchTo(jo.id, "2468"), `switch ${i + 1} to Jo`).toBe(200);
    expect(await switchTo(kim.id, "1357")).toBe(200);
    expect(await switchTo(jo.id, "2468")).toBe(200);
    // Five wrong ones still lock Jo.
    for (let i = 0; i < 5; i++) expect(await switchTo(jo.id, "0000")).toBe(401);
    expect(await switchTo(jo.id, "2468")).toBe(429);
  });
});

describe("a used idempotency key", () => {
  it("gets another body or another device a 409 with no status link, and writes nothing", async () => {
    const body = fakeOrder({ customerName: "Key Owner" });
    const first = await postJson(`${sec.baseUrl}/api/orders`, body, { from: "127.0.0.43" });
    expect(first.status).toBe(201);
    const { statusUrl } = first.json() as { statusUrl: string };
    const token = statusUrl.split("/").pop()!;
    const retry = await postJson(`${sec.baseUrl}/api/orders`, body, { from: "127.0.0.43" });
    expect([retry.status, (retry.json() as { statusUrl: string }).statusUrl]).toEqual([200, statusUrl]);

    const before = await countRows(sec.stack);
    for (const replay of [
      { ...body, customerName: "Mallory" },
      { ...body, deviceId: `device-${"m".repeat(20)}` },
      { ...body, items: [{ menuItemId: "espresso", quantity: 2 }] },
    ]) {
      const response = await postJson(`${sec.baseUrl}/api/orders`, replay, { from: "127.0.0.44" });
      expect(response.status).toBe(409);
      expect(response.text).not.toContain("statusUrl");
      expect(response.text).not.toContain(token);
      expect(response.headers.location).toBeUndefined();
    }
    expect(await countRows(sec.stack)).toEqual(before);
  });
});

describe("a cross-site page making a manager's browser resend a text", () => {
  it("is refused with 403 and no outbox row; the dashboard's own request goes through", async () => {
    const cookie = await sessionOf("manager");
    const order = await placeQueuedOrder(sec.stack);
    const notification = await sec.stack.prisma.notification.create({
      data: { orderId: order.orderId, event: "ready", channel: "SMS", recipient: "+14155550199", status: "FAILED", attempts: 5, lastError: "provider down" },
    });
    const url = `${sec.baseUrl}/api/dashboard/notifications/${notification.id}/resend`;
    const before = await countRows(sec.stack);

    const forgeries: Record<string, string>[] = [{ origin: EVIL }, { origin: "null" }, {}, { referer: `${EVIL}/cats` }];
    for (const headers of forgeries) {
      const forged = await send({ url, method: "POST", headers: { cookie, ...headers } });
      expect(forged.status, JSON.stringify(headers)).toBe(403);
      expect(forged.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "Cross-site request refused" } });
    }
    expect(await countRows(sec.stack)).toEqual(before);
    expect(await sec.stack.prisma.auditLog.count({ where: { action: "notification.resend" } })).toBe(0);

    const fromDashboard = await send({ url, method: "POST", headers: { cookie, ...own } });
    expect(fromDashboard.status).toBe(202);
    expect((await countRows(sec.stack)).outbox).toBe(before.outbox + 1);
  });
});


describe("the worker's health port", () => {
  const METRICS_TOKEN = "security-suite-metrics-token";

  it("is not reachable from the network by default", async (test) => {
    const worker = await startWorkerChild(sec.stack);
    expect((await send({ url: `http://127.0.0.1:${worker.healthPort}/health` })).status).toBe(200);
    if (!lanAddress) test.skip("this machine has no non-loopback IPv4 address");
    expect(await reachable(lanAddress!, worker.healthPort)).toBe(false);
  });

  it("on all interfaces, serves /metrics only for the token; /health stays open", async () => {
    const worker = await startWorkerChild(sec.stack, { WORKER_HEALTH_HOST: "0.0.0.0", METRICS_TOKEN });
    const base = `http://${lanAddress ?? "127.0.0.1"}:${worker.healthPort}`;
    const health = await send({ url: `${base}/health` });
    expect(health.status).toBe(200);
    expect(Object.keys(health.json() as object).sort()).toEqual(["failed", "lastPollAt", "processed", "status", "workerId"]);

    const anonymous = await send({ url: `${base}/metrics` });
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toMatch(/brewline_/);
    expect((await send({ url: `${base}/metrics`, headers: { authorization: "Bearer not-the-metrics-token" } })).status).toBe(401);
    const scraped = await send({ url: `${base}/metrics`, headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(/^# HELP brewline_/m);
  });

  it("on all interfaces without METRICS_TOKEN, has no /metrics and says so at start", async () => {
    const worker = await startWorkerChild(sec.stack, { WORKER_HEALTH_HOST: "0.0.0.0", METRICS_TOKEN: "" });
    expect((await send({ url: `http://127.0.0.1:${worker.healthPort}/metrics` })).status).toBe(404);
    expect(worker.output()).toMatch(/without METRICS_TOKEN: \/metrics is off/);
  });
});
