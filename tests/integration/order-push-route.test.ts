import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as unsubscribeRoute, PUT as subscribeRoute } from "../../app/api/orders/[token]/push/route.ts";
import { PUSH_CONSENT_WORDING } from "../../lib/consent/consent-wording.ts";
import { placeTestOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";

// PUT/DELETE /api/orders/[token]/push against the real database: the subscription and the
// consent ledger change together, bad subscriptions are refused with a reason and change
// nothing, a finished order takes no new subscription.

const ctx = setupRouteTestStack();
const prisma = () => ctx.stack.prisma;

const params = (token: string) => ({ params: Promise.resolve({ token }) });

/** A subscription as a browser would send it, on the test stacks' allowed push host. */
function browserSubscription(endpoint = `https://127.0.0.1:8443/push/${randomBytes(8).toString("hex")}`) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
}

async function call(method: "PUT" | "DELETE", token: string, body?: unknown) {
  const request = new Request(`http://localhost/api/orders/${token}/push`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
  });
  const response = await (method === "PUT" ? subscribeRoute : unsubscribeRoute)(request, params(token));
  return { status: response.status, body: (await response.json()) as { subscribed?: boolean; error?: { code: string; message: string } } };
}

const ledger = (orderId: string) =>
  prisma().consentRecord.findMany({ where: { orderId }, orderBy: { at: "asc" }, select: { channel: true, recipient: true, action: true, source: true, wording: true } });
const stored = (orderId: string) => prisma().pushSubscription.findUnique({ where: { orderId }, select: { endpoint: true, p256dh: true, auth: true } });

describe("PUT /api/orders/[token]/push", () => {
  it("stores the subscription and records the consent; the latest browser wins", async () => {
    const order = await placeTestOrder({ prisma: prisma(), transport: ctx.stack.transport });
    const first = browserSubscription();
    expect(await call("PUT", order.publicToken, { subscription: first, source: "checkout" })).toEqual({ status: 200, body: { subscribed: true } });
    expect(await stored(order.orderId)).toEqual({ endpoint: first.endpoint, ...first.keys });

    const second = browserSubscription();
    expect((await call("PUT", order.publicToken, { subscription: second, source: "status-page" })).status).toBe(200);
    expect(await stored(order.orderId)).toEqual({ endpoint: second.endpoint, ...second.keys });
    expect(await ledger(order.orderId)).toEqual([
      { channel: "PUSH", recipient: first.endpoint, action: "GRANTED", source: "checkout", wording: PUSH_CONSENT_WORDING },
      { channel: "PUSH", recipient: second.endpoint, action: "GRANTED", source: "status-page", wording: PUSH_CONSENT_WORDING },
    ]);
  });

  it("refuses endpoints off the allowed push services and malformed keys with a reason, storing nothing", async () => {
    const order = await placeTestOrder({ prisma: prisma(), transport: ctx.stack.transport });
    const good = browserSubscription();
    const bad = [
      { ...good, endpoint: "https://169.254.169.254/latest/meta-data" },
      { ...good, endpoint: "http://127.0.0.1:8443/push/x" },
      { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, -4) } },
      { ...good, keys: { ...good.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString("base64url") } },
      { ...good, keys: { ...good.keys, auth: randomBytes(15).toString("base64url") } },
      { ...good, extra: true },
    ];
    for (const subscription of bad) {
      const answer = await call("PUT", order.publicToken, { subscription, source: "checkout" });
      expect(answer.status, JSON.stringify(subscription)).toBe(400);
    }
    const offHost = await call("PUT", order.publicToken, { subscription: bad[0], source: "checkout" });
    expect(offHost.body.error?.message).toContain("that push endpoint is not from a known push service");
    expect((await call("PUT", order.publicToken, { subscription: good, source: "elsewhere" })).status).toBe(400);
    expect(await stored(order.orderId)).toBeNull();
    expect(await ledger(order.orderId)).toEqual([]);
  });

  it("404 for an unknown token; 409 once the order is finished", async () => {
    expect((await call("PUT", "A".repeat(32), { subscription: browserSubscription(), source: "checkout" })).status).toBe(404);
    const order = await placeTestOrder({ prisma: prisma(), transport: ctx.stack.transport });
    await prisma().order.update({ where: { id: order.orderId }, data: { status: "READY", readyAt: new Date() } });
    const answer = await call("PUT", order.publicToken, { subscription: browserSubscription(), source: "status-page" });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("CONFLICT");
    expect(await stored(order.orderId)).toBeNull();
  });
});

describe("DELETE /api/orders/[token]/push", () => {
  it("deletes the subscription and records the withdrawal; again, changes nothing", async () => {
    const order = await placeTestOrder({ prisma: prisma(), transport: ctx.stack.transport });
    const subscription = browserSubscription();
    await call("PUT", order.publicToken, { subscription, source: "status-page" });
    expect(await call("DELETE", order.publicToken)).toEqual({ status: 200, body: { subscribed: false, changed: true } });
    expect(await stored(order.orderId)).toBeNull();
    expect(await call("DELETE", order.publicToken)).toEqual({ status: 200, body: { subscribed: false, changed: false } });
    expect((await ledger(order.orderId)).map((r) => [r.action, r.recipient, r.source])).toEqual([
      ["GRANTED", subscription.endpoint, "status-page"],
      ["WITHDRAWN", subscription.endpoint, "status-page"],
    ]);
    expect((await call("DELETE", "B".repeat(32))).status).toBe(404);
  });
});

describe("per-address limit", () => {
  it("refuses an address's 31st call in a minute with 429 and Retry-After", async () => {
    const from = { "x-forwarded-for": "203.0.113.77" };
    const token = "C".repeat(32);
    const statuses: number[] = [];
    let refused: Response | undefined;
    // Fixed one-minute windows: a window may end mid-loop, so up to two windows' worth may pass.
    while (!refused && statuses.length < 61) {
      const response = await unsubscribeRoute(new Request(`http://localhost/api/orders/${token}/push`, { method: "DELETE", headers: from }), params(token));
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(refused).toBeDefined();
    expect(statuses.length).toBeGreaterThanOrEqual(31);
    expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
