import { describe, expect, it } from "vitest";
import { GET as menuEventsRoute } from "../../app/api/menu/events/route.ts";
import { GET as menuRoute } from "../../app/api/menu/route.ts";
import { getShopListener, SHOP_LISTENER_APPLICATION_NAME } from "../../lib/realtime/shop-listener.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";

// The live menu: every change to items, options or the store's settings reaches open
// menu pages as an event telling them to re-read, and a resync whenever changes may
// have been missed.

const ctx = setupRouteTestStack();

function openStream() {
  const abort = new AbortController();
  const events = menuEventsRoute(new Request("http://localhost/api/menu/events", { signal: abort.signal }), {}).then(sseReader);
  return {
    nextEvent: async (timeoutMs?: number) => (await events).nextEvent(timeoutMs),
    close: async () => {
      abort.abort();
      await (await events).cancel();
    },
  };
}

describe("GET /api/menu", () => {
  it("gives each item its illustration", async () => {
    const body = (await (await menuRoute(new Request("http://localhost/api/menu"), {})).json()) as { categories: { items: { id: string; image: string | null }[] }[] };
    const items = body.categories.flatMap((c) => c.items);
    expect(items.find((i) => i.id === "latte")?.image).toBe("/menu/latte.svg");
    expect(items.every((i) => i.image === null || /^\/menu\/[a-z-]+\.svg$/.test(i.image))).toBe(true);
  });
});

describe("GET /api/menu/events", () => {
  it("sends resync first, then which table changed after each change", async () => {
    const stream = openStream();
    try {
      expect(await stream.nextEvent()).toEqual({ event: "resync", data: {} });
      await ctx.stack.prisma.menuItem.update({ where: { id: "mocha" }, data: { available: false } });
      expect(await stream.nextEvent()).toEqual({ event: "menu", data: { changed: "MenuItem" } });
      await ctx.stack.prisma.modifier.update({ where: { id: "milk-oat" }, data: { available: false } });
      expect(await stream.nextEvent()).toEqual({ event: "menu", data: { changed: "Modifier" } });
      await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { taxRateBasisPoints: 500 } });
      expect(await stream.nextEvent()).toEqual({ event: "menu", data: { changed: "StoreSettings" } });

      // A second page opening while the listener is up also starts with a resync.
      const second = openStream();
      try {
        expect(await second.nextEvent()).toEqual({ event: "resync", data: {} });
      } finally {
        await second.close();
      }
    } finally {
      await ctx.stack.prisma.menuItem.update({ where: { id: "mocha" }, data: { available: true } });
      await ctx.stack.prisma.modifier.update({ where: { id: "milk-oat" }, data: { available: true } });
      await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { taxRateBasisPoints: 0 } });
      await stream.close();
    }
  });

  it("sends resync when the server's LISTEN connection comes back, then changes again", async () => {
    const stream = openStream();
    try {
      expect(await stream.nextEvent()).toMatchObject({ event: "resync" });
      const listener = getShopListener();
      await listener.whenConnected();
      const connects = listener.connectCount;
      const [session] = await ctx.stack.prisma.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE application_name = ${SHOP_LISTENER_APPLICATION_NAME}`;
      expect(session).toBeDefined();
      await ctx.stack.prisma.$queryRaw`SELECT pg_terminate_backend(${session!.pid}::int)`;

      // Late notifications of the previous test's clean-up may come first.
      let event = await stream.nextEvent(15_000);
      while (event.event === "menu") event = await stream.nextEvent(15_000);
      expect(event).toEqual({ event: "resync", data: {} });
      expect(listener.connectCount).toBe(connects + 1);
      await ctx.stack.prisma.menuItem.update({ where: { id: "mocha" }, data: { description: "Espresso, chocolate and milk." } });
      expect(await stream.nextEvent()).toEqual({ event: "menu", data: { changed: "MenuItem" } });
    } finally {
      await stream.close();
    }
  });
});
