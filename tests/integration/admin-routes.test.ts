import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchItemRoute } from "../../app/api/admin/menu/items/[id]/route.ts";
import { POST as availabilityRoute } from "../../app/api/admin/menu/availability/route.ts";
import { POST as imagesRoute } from "../../app/api/admin/menu/images/route.ts";
import { GET as menuAdminRoute } from "../../app/api/admin/menu/route.ts";
import { POST as pauseRoute } from "../../app/api/admin/store/pause/route.ts";
import { PATCH as storeRoute } from "../../app/api/admin/store/route.ts";
import { GET as customerStoreRoute } from "../../app/api/store/route.ts";
import { PUT as putTemplateRoute } from "../../app/api/admin/templates/[key]/route.ts";
import { writeStoreSettings } from "../../lib/store/write-store-settings.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// The manager's routes as thin adapters: role checked first (real sessions of a
// manager and a barista, signed in through better-auth), bodies validated, errors mapped.
const ctx = setupRouteTestStack();
const cookies: Partial<Record<"manager" | "barista", string>> = {};
beforeAll(async () => {
  cookies.manager = await staffCookie(ctx.stack.prisma, "manager");
  cookies.barista = await staffCookie(ctx.stack.prisma, "barista");
});

type As = "manager" | "barista" | null;
function request(path: string, init: { method?: string; body?: unknown; as?: As; type?: string } = {}) {
  const headers = new Headers({ "content-type": init.type ?? "application/json", origin: TEST_ORIGIN });
  if (init.as !== null) headers.set("cookie", cookies[init.as ?? "manager"]!);
  const body = init.body instanceof Uint8Array ? new Blob([new Uint8Array(init.body)]) : init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Request(`http://localhost${path}`, { method: init.method ?? "POST", headers, body });
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe("manager routes", () => {
  it("refuse anyone not signed in (401) and baristas (403) before touching anything", async () => {
    const body = { kind: "item", id: "latte", available: false };
    expect((await availabilityRoute(request("/api/admin/menu/availability", { body, as: null }), {})).status).toBe(401);
    expect((await availabilityRoute(request("/api/admin/menu/availability", { body, as: "barista" }), {})).status).toBe(403);
    expect((await menuAdminRoute(request("/api/admin/menu", { method: "GET", as: null }), {})).status).toBe(401);
    expect((await ctx.stack.prisma.menuItem.findUniqueOrThrow({ where: { id: "latte" } })).available).toBe(true);
  });

  it("86 an item, change a price with field errors for bad input, and list the menu", async () => {
    const r = await availabilityRoute(request("/api/admin/menu/availability", { body: { kind: "item", id: "latte", available: false } }), {});
    expect(await r.json()).toEqual({ kind: "item", id: "latte", name: "Caffè latte", available: false });
    const bad = await patchItemRoute(request("/api/admin/menu/items/latte", { method: "PATCH", body: { basePriceCents: -5 } }), params({ id: "latte" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues[0]!.path).toBe("basePriceCents");
    const ok = await patchItemRoute(request("/api/admin/menu/items/latte", { method: "PATCH", body: { basePriceCents: 420 } }), params({ id: "latte" }));
    expect(await ok.json()).toMatchObject({ basePriceCents: 420, available: false });
    const menu = (await (await menuAdminRoute(request("/api/admin/menu", { method: "GET" }), {})).json()) as { categories: { items: { id: string; available: boolean }[] }[] };
    expect(menu.categories.flatMap((c) => c.items).find((i) => i.id === "latte")).toMatchObject({ available: false });
  });

  it("pause and store settings, with the kitchen's timings", async () => {
    const paused = (await (await pauseRoute(request("/api/admin/store/pause", { body: { minutes: 15 } }), {})).json()) as { pausedUntil: string };
    expect(Date.parse(paused.pausedUntil) - Date.now()).toBeGreaterThan(14 * 60_000);
    const r = await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { taxRateBasisPoints: 825, maxOpenOrders: null }, kitchen: { warnAfterSeconds: 120 } } }), {});
    expect(await r.json()).toMatchObject({ settings: { taxRateBasisPoints: 825 }, kitchen: { warnAfterSeconds: 120 }, state: { state: "paused" } });
    expect((await pauseRoute(request("/api/admin/store/pause", { body: { minutes: 0 } }), {})).status).toBe(200);
    expect((await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { pausedUntil: null } } }), {})).status).toBe(400);
  });

  it("switch to prices that include the tax (VAT): validated, audited, and told to customers", async () => {
    await writeStoreSettings({ prisma: ctx.stack.prisma, patch: { taxRateBasisPoints: 825, pricesIncludeTax: false } });
    const bad = await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { pricesIncludeTax: "yes", taxRateBasisPoints: 2000 } } }), {});
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION", details: { issues: [{ path: "store.pricesIncludeTax", message: "pricesIncludeTax must be true or false" }] } } });
    // Nothing of a refused change is kept.
    expect(await ctx.stack.prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 }, select: { pricesIncludeTax: true, taxRateBasisPoints: true } })).toEqual({ pricesIncludeTax: false, taxRateBasisPoints: 825 });

    const since = new Date();
    const r = await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { pricesIncludeTax: true, taxRateBasisPoints: 2000 } } }), {});
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ settings: { pricesIncludeTax: true, taxRateBasisPoints: 2000 }, state: { pricesIncludeTax: true, taxRateBasisPoints: 2000 } });
    const audit = await ctx.stack.prisma.auditLog.findMany({ where: { action: "store.update", at: { gte: since } }, select: { actorName: true, summary: true } });
    expect(audit).toEqual([{ actorName: expect.any(String), summary: "Tax rate 8.25 % → 20.00 %; Prices now include the tax (VAT)" }]);
    const customer = await customerStoreRoute(new Request("http://localhost/api/store"), {});
    expect(await customer.json()).toMatchObject({ pricesIncludeTax: true, taxRateBasisPoints: 2000, onlinePayments: false, currency: "USD" });

    // Saving the same value again records nothing; switching back does.
    await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { pricesIncludeTax: true } } }), {});
    await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { pricesIncludeTax: false } } }), {});
    const after = await ctx.stack.prisma.auditLog.findMany({ where: { action: "store.update", at: { gte: since } }, orderBy: { at: "asc" }, select: { summary: true } });
    expect(after.map((a) => a.summary)).toEqual(["Tax rate 8.25 % → 20.00 %; Prices now include the tax (VAT)", "Tax is now added to the prices at checkout"]);
  });

  it("templates: unknown key 400, unknown placeholder 400 naming the field", async () => {
    const unknownKey = await putTemplateRoute(request("/api/admin/templates/x", { method: "PUT", body: { body: "hi" } }), params({ key: "order.placed:SMS" }));
    expect(unknownKey.status).toBe(400);
    const bad = await putTemplateRoute(request("/api/admin/templates/order.ready:SMS", { method: "PUT", body: { body: "{nope}" } }), params({ key: "order.ready:SMS" }));
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION", details: { fields: { body: expect.stringContaining("{nope}") } } } });
  });

  it("image upload: type must be declared and match the bytes", async () => {
    const svg = new TextEncoder().encode("<svg/>");
    expect((await imagesRoute(request("/api/admin/menu/images", { body: svg, type: "image/svg+xml" }), {})).status).toBe(400);
    expect((await imagesRoute(request("/api/admin/menu/images", { body: svg, type: "image/png" }), {})).status).toBe(400);
  });
});
