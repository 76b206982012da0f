import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import SignInPage from "../../app/(site)/sign-in/page.tsx";
import { POST as pauseRoute } from "../../app/api/admin/store/pause/route.ts";
import { POST as resendRoute } from "../../app/api/dashboard/notifications/[id]/resend/route.ts";
import { POST as startRoute } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { GET as ticketsRoute } from "../../app/api/kds/tickets/route.ts";
import { createAuth } from "../../lib/auth/auth.ts";
import { getConfig } from "../../lib/config.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { CROSS_SITE_MESSAGE } from "../../lib/http/cross-site.ts";
import { lanAddresses } from "../../lib/http/lan-addresses.ts";
import { placeQueuedOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { authRequest, callAuth, createTestStaff, staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// Real staff actions sent the way a hostile page would make a signed-in manager's
// browser send them: the session cookie rides along, the Origin is the other site's.
// Refused with nothing changed; the same request from the shop's own page goes through.
// (authorization.test.ts sends every state-changing route a foreign Origin.)

// As the launcher runs a café without PUBLIC_BASE_URL: this machine's own addresses are
// accepted too (lib/http/allowed-origins.ts). Set before the config is first read.
vi.hoisted(() => {
  process.env.STAFF_ORIGINS_INCLUDE_LAN = "true";
});
// The sign-in page reads its request's headers through next/headers; here, the test's.
const pageRequest = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => pageRequest.headers, cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));

const ctx = setupRouteTestStack();
const EVIL = "https://evil.example";

async function request(url: string, headers: Record<string, string>, body?: unknown): Promise<Request> {
  return new Request(`${TEST_ORIGIN}${url}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", cookie: await staffCookie(ctx.stack.prisma, "manager"), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe("a manager's cookie on a request from another site", () => {
  it("does not pause the shop; the shop's own page does", async () => {
    const pausedUntil = async () => (await ctx.stack.prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 } })).pausedUntil;
    const before = await pausedUntil();

    const forged = await pauseRoute(await request("/api/admin/store/pause", { origin: EVIL }, { minutes: 30 }), {});
    expect(forged.status).toBe(403);
    expect(await errorOf(forged)).toEqual({ code: "FORBIDDEN", message: CROSS_SITE_MESSAGE });
    expect(await pausedUntil()).toEqual(before);
    expect(await ctx.stack.prisma.auditLog.count({ where: { action: { startsWith: "store." } } })).toBe(0);

    const own = await pauseRoute(await request("/api/admin/store/pause", { origin: TEST_ORIGIN }, { minutes: 30 }), {});
    expect(own.status).toBe(200);
    expect((await pausedUntil())!.getTime()).toBeGreaterThan(Date.now());
    await pauseRoute(await request("/api/admin/store/pause", { origin: TEST_ORIGIN }, { minutes: 0 }), {});
  });

  it("does not start a ticket; without Origin, Sec-Fetch-Site or the Referer may vouch for the shop's page", async () => {
    const order = await placeQueuedOrder(ctx.stack);
    const status = async () => (await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status;

    const forgeries: Record<string, string>[] = [{ origin: EVIL }, { origin: "null" }, {}, { "sec-fetch-site": "cross-site" }, { referer: `${EVIL}/kds` }];
    for (const headers of forgeries) {
      const forged = await startRoute(await request(`/api/kds/tickets/${order.orderId}/start`, headers, {}), params(order.orderId));
      expect(forged.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await status()).toBe("QUEUED");

    const viaReferer = await startRoute(await request(`/api/kds/tickets/${order.orderId}/start`, { referer: `${TEST_ORIGIN}/kds` }, {}), params(order.orderId));
    expect(viaReferer.status).toBe(200);
    expect(await status()).toBe("IN_PROGRESS");
    const other = await placeQueuedOrder(ctx.stack);
    const viaFetchMetadata = await startRoute(await request(`/api/kds/tickets/${other.orderId}/start`, { "sec-fetch-site": "same-origin" }, {}), params(other.orderId));
    expect(viaFetchMetadata.status).toBe(200);
  });

  it("does not resend a failed text: no outbox row is written", async () => {
    const order = await placeQueuedOrder(ctx.stack);
    const notification = await ctx.stack.prisma.notification.create({
      data: { orderId: order.orderId, event: "ready", channel: "SMS", recipient: "+14155550123", status: "FAILED", attempts: 5, lastError: "provider down" },
    });
    const resends = () => ctx.stack.prisma.outboxMessage.count({ where: { orderId: order.orderId, type: "notification.resend" } });

    const forged = await resendRoute(await request(`/api/dashboard/notifications/${notification.id}/resend`, { origin: EVIL }, {}), params(notification.id));
    expect(forged.status).toBe(403);
    expect(await resends()).toBe(0);
    expect(await ctx.stack.prisma.auditLog.count({ where: { action: "notification.resend" } })).toBe(0);

    const own = await resendRoute(await request(`/api/dashboard/notifications/${notification.id}/resend`, { origin: TEST_ORIGIN }, {}), params(notification.id));
    expect(own.status).toBe(202);
    expect(await resends()).toBe(1);
  });

  it("still reads: GET is not a change, whoever asks", async () => {
    const response = await ticketsRoute(await request("/api/kds/tickets", { origin: EVIL }), {});
    expect(response.status).toBe(200);
  });
});

/** This machine's own IPv4 address on its network, and one of a neighbour on the same network. */
function lanOrigins(): { own: string; neighbour: string } {
  const own = lanAddresses().find((a) => a.family === "IPv4")?.address;
  if (!own) throw new Error("This machine has no non-loopback IPv4 address (os.networkInterfaces()), so the LAN origin cannot be tested here.");
  const taken = new Set(lanAddresses().map((a) => a.address));
  const [a, b, c, d] = own.split(".").map(Number) as [number, number, number, number];
  const neighbour = [1, 2, 3].map((step) => `${a}.${b}.${c}.${((d + step - 1) % 254) + 1}`).find((ip) => !taken.has(ip))!;
  return { own: `http://${own}:3000`, neighbour: `http://${neighbour}:3000` };
}

describe("a shop on its own network (STAFF_ORIGINS_INCLUDE_LAN)", () => {
  it("starts a ticket from this machine's LAN address and 127.0.0.1, not from a neighbour on the same network", async () => {
    const { own, neighbour } = lanOrigins();
    const status = async (id: string) => (await ctx.stack.prisma.order.findUniqueOrThrow({ where: { id } })).status;

    const fromNeighbour = await placeQueuedOrder(ctx.stack);
    const forged = await startRoute(await request(`/api/kds/tickets/${fromNeighbour.orderId}/start`, { origin: neighbour }, {}), params(fromNeighbour.orderId));
    expect(forged.status).toBe(403);
    expect(await errorOf(forged)).toEqual({ code: "FORBIDDEN", message: CROSS_SITE_MESSAGE });
    expect(await status(fromNeighbour.orderId)).toBe("QUEUED");

    for (const origin of [own, "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      const order = await placeQueuedOrder(ctx.stack);
      const response = await startRoute(await request(`/api/kds/tickets/${order.orderId}/start`, { origin }, {}), params(order.orderId));
      expect(response.status, origin).toBe(200);
      expect(await status(order.orderId)).toBe("IN_PROGRESS");
    }
    // The same address on another port is another origin.
    const otherPort = await placeQueuedOrder(ctx.stack);
    const refused = await startRoute(await request(`/api/kds/tickets/${otherPort.orderId}/start`, { origin: own.replace(":3000", ":3001") }, {}), params(otherPort.orderId));
    expect(refused.status).toBe(403);
  });

  it("signs staff in through better-auth from the LAN address; a neighbour's page, and 127.0.0.1 on a pinned shop, get 403 Invalid origin", async () => {
    const { own, neighbour } = lanOrigins();
    const staff = await createTestStaff(ctx.stack.prisma, "barista");
    const body = { email: staff.email, password: staff.password };

    const accepted = await callAuth(authRequest("/sign-in/email", { body, origin: own }));
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(accepted.headers.getSetCookie().join()).toContain("session_token=");

    const refused = await callAuth(authRequest("/sign-in/email", { body, origin: neighbour }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "INVALID_ORIGIN" });
    expect(refused.headers.getSetCookie()).toEqual([]);

    // PUBLIC_BASE_URL pinned (no LAN): the same machine's other addresses are refused.
    const pinned = createAuth({ prisma: getPrisma(), config: { ...getConfig(), STAFF_ORIGINS_INCLUDE_LAN: false } });
    for (const origin of [own, "http://127.0.0.1:3000"]) {
      const response = await pinned.handler(authRequest("/sign-in/email", { body, origin }));
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
    }
    expect((await pinned.handler(authRequest("/sign-in/email", { body, origin: TEST_ORIGIN }))).status).toBe(200);
  });
});

describe("the sign-in page at an address staff sign-in refuses", () => {
  async function signInPageAt(host: string): Promise<string> {
    pageRequest.headers = new Headers({ host });
    return renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve({ next: "/kds" }) }));
  }

  it("says why and where to go instead, before anyone types a password", async () => {
    const { own } = lanOrigins();
    const html = await signInPageAt("127.0.0.2:3000");
    expect(html).toContain('data-testid="origin-refused"');
    expect(html).toContain("Staff sign-in is not accepted at http://127.0.0.2:3000: this shop accepts it only at the addresses of the machine running Brewline.");
    expect(html).toContain(`<a href="${own}/sign-in"`);
    expect(html).toContain("ask whoever runs Brewline to set PUBLIC_BASE_URL=http://127.0.0.2:3000 and restart it.");
    // What the page hands the browser is addresses, never the config's secrets.
    expect(getConfig().BETTER_AUTH_SECRET).toBeTruthy();
    expect(html).not.toContain(getConfig().BETTER_AUTH_SECRET);
    expect(html).toContain('data-testid="sign-in-form"');
  });

  it("says nothing at the shop's own addresses, nor for a Host it cannot read", async () => {
    const { own } = lanOrigins();
    for (const host of ["localhost:3000", "127.0.0.1:3000", new URL(own).host, "not a host/"]) {
      const html = await signInPageAt(host);
      expect(html, host).toContain('data-testid="sign-in-form"');
      expect(html, host).not.toContain("origin-refused");
    }
  });
});
