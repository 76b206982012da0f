import { describe, expect, it } from "vitest";
import { GET as orderEventsRoute } from "../../app/api/orders/[token]/events/route.ts";
import { GET as orderStatusRoute } from "../../app/api/orders/[token]/route.ts";
import { getOrderStatus } from "../../lib/orders/get-order-status.ts";
import { startOrder } from "../../lib/kitchen/start-order.ts";
import { markQueued, placeTestOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// The customer's view of the queue: position among the open orders in the kitchen's
// order, an estimate from the day's prep times, and whether cancelling is still possible.
// This file's stack starts empty, so every open order is one of its own.

const ctx = setupRouteTestStack();

const place = async () => {
  const o = await placeTestOrder(ctx.stack);
  return { id: o.orderId, token: o.publicToken };
};
const status = async (id: string) => (await getOrderStatus({ prisma: ctx.stack.prisma, where: { id }, timeZone: "UTC" }))!.view;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("order status in the queue", () => {
  it("numbers waiting orders by queue time then ticket, with 4 minutes each before the day has history", async () => {
    const a = await place();
    const b = await place();
    const c = await place();
    // b was queued before a; c is still only placed, so it comes after both.
    await markQueued(ctx.stack.prisma, b.id, minutesAgo(3));
    await markQueued(ctx.stack.prisma, a.id, minutesAgo(2));

    expect(await status(b.id)).toMatchObject({ status: "QUEUED", queuePosition: 1, etaMinutes: 4, canCancel: true });
    expect(await status(a.id)).toMatchObject({ queuePosition: 2, etaMinutes: 8, canCancel: true });
    expect(await status(c.id)).toMatchObject({ status: "PLACED", queuePosition: 3, etaMinutes: 12, canCancel: true });

    // Started: it has no position and cannot be cancelled, but still counts ahead of the others.
    await startOrder({ prisma: ctx.stack.prisma, actor: testBarista, orderId: b.id, barista: "Sam" });
    expect(await status(b.id)).toMatchObject({ status: "IN_PROGRESS", queuePosition: null, etaMinutes: 4, canCancel: false });
    expect(await status(a.id)).toMatchObject({ queuePosition: 2 });

    // Ready orders leave the queue, and their prep times (queued → ready) set the pace:
    // the median of 1, 2 and 9 minutes is 2.
    await ctx.stack.prisma.order.update({ where: { id: b.id }, data: { status: "READY", queuedAt: minutesAgo(3), readyAt: minutesAgo(2) } });
    const d = await place();
    const e = await place();
    await ctx.stack.prisma.order.update({ where: { id: d.id }, data: { status: "READY", queuedAt: minutesAgo(4), readyAt: minutesAgo(2) } });
    await ctx.stack.prisma.order.update({ where: { id: e.id }, data: { status: "READY", queuedAt: minutesAgo(10), readyAt: minutesAgo(1) } });
    expect(await status(a.id)).toMatchObject({ queuePosition: 1, etaMinutes: 2 });
    expect(await status(c.id)).toMatchObject({ queuePosition: 2, etaMinutes: 4 });
    expect(await status(b.id)).toMatchObject({ status: "READY", queuePosition: null, etaMinutes: null, canCancel: false });

    // Tidy up for the next test: nothing left open.
    await ctx.stack.prisma.order.updateMany({ where: { id: { in: [a.id, c.id] } }, data: { status: "READY", readyAt: new Date() } });
  });

  it("shows subtotal, tax and the new fields on GET /api/orders/[token]", async () => {
    const a = await place();
    const r = await orderStatusRoute(new Request(`http://localhost/api/orders/${a.token}`), { params: Promise.resolve({ token: a.token }) });
    expect(await r.json()).toMatchObject({ status: "PLACED", subtotalCents: 460, taxCents: 0, totalCents: 460, queuePosition: 1, etaMinutes: expect.any(Number), canCancel: true });
    await ctx.stack.prisma.order.update({ where: { id: a.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
  });

  it("streams a new position to a waiting customer when an order ahead of them is done", async () => {
    const ahead = await place();
    const mine = await place();
    await markQueued(ctx.stack.prisma, ahead.id, minutesAgo(2));
    await markQueued(ctx.stack.prisma, mine.id, minutesAgo(1));

    const abort = new AbortController();
    const response = await orderEventsRoute(new Request(`http://localhost/api/orders/${mine.token}/events`, { signal: abort.signal }), {
      params: Promise.resolve({ token: mine.token }),
    });
    const events = sseReader(response);
    try {
      expect(await events.nextEvent()).toMatchObject({ event: "order", data: { queuePosition: 2 } });
      // Someone else's order changes: the trigger names that order, not this one.
      await ctx.stack.prisma.order.update({ where: { id: ahead.id }, data: { status: "READY", readyAt: new Date() } });
      expect(await events.nextEvent()).toMatchObject({ event: "order", data: { status: "QUEUED", queuePosition: 1 } });
    } finally {
      abort.abort();
      await events.cancel();
    }
  });
});
