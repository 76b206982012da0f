import { describe, expect, it } from "vitest";
import { POST as pauseRoute } from "../../app/api/admin/store/pause/route.ts";
import { POST as resendRoute } from "../../app/api/dashboard/notifications/[id]/resend/route.ts";
import { POST as startRoute } from "../../app/api/kds/tickets/[id]/start/route.ts";
import { GET as ticketsRoute } from "../../app/api/kds/tickets/route.ts";
import { CROSS_SITE_MESSAGE } from "../../lib/http/cross-site.ts";
import { placeQueuedOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// Real staff actions sent the way a hostile page would make a signed-in manager's
// browser send them: the session cookie rides along, the Origin is the other site's.
// Refused with nothing changed; the same request from the shop's own page goes through.
// (authorization.test.ts sends every state-changing route a foreign Origin.)

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
