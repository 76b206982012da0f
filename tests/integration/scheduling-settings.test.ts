import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchItemRoute } from "../../app/api/admin/menu/items/[id]/route.ts";
import { GET as menuAdminRoute } from "../../app/api/admin/menu/route.ts";
import { GET as getStoreRoute, PATCH as storeRoute } from "../../app/api/admin/store/route.ts";
import { getMenuAdmin } from "../../lib/menu-admin/get-menu-admin.ts";
import { saveItem } from "../../lib/menu-admin/save-item.ts";
import { changeStoreSettingsAsStaff } from "../../lib/store/change-store-settings-as-staff.ts";
import { getStoreAdmin } from "../../lib/dashboard/get-store-admin.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// What a manager sets for ordering ahead (pickup slots) and per-item prep times: saved
// through the use cases and the admin routes, read back, audited, and bad input refused
// field by field with nothing of it kept.

const ctx = setupRouteTestStack();
const actor = { id: "manager-sched", name: "Morgan" };
let cookie = "";
beforeAll(async () => {
  cookie = await staffCookie(ctx.stack.prisma, "manager");
});

function request(path: string, init: { method: string; body?: unknown }) {
  const headers = new Headers({ "content-type": "application/json", origin: TEST_ORIGIN, cookie });
  return new Request(`http://localhost${path}`, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const slotColumns = () =>
  ctx.stack.prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 }, select: { scheduledOrders: true, slotMinutes: true, slotDrinks: true, slotDrinksByWeekday: true } });
const audits = (action: string, since: Date) => ctx.stack.prisma.auditLog.findMany({ where: { action, at: { gte: since } }, orderBy: { at: "asc" }, select: { actorName: true, summary: true } });
type Issues = { error: { code: string; details: { issues: { path: string; message: string }[] } } };

describe("pickup slot settings", () => {
  it("start at the columns' defaults and are saved, read back and audited through the use case", async () => {
    const timeZone = "UTC";
    expect((await getStoreAdmin({ prisma: ctx.stack.prisma, timeZone })).settings).toMatchObject({ scheduledOrders: true, slotMinutes: 15, slotDrinks: 12, slotDrinksByWeekday: {} });

    const since = new Date();
    const after = await changeStoreSettingsAsStaff({ prisma: ctx.stack.prisma, actor, patch: { slotMinutes: 10, slotDrinks: 8, slotDrinksByWeekday: { sat: 20, sun: 0 } } });
    expect(after).toMatchObject({ scheduledOrders: true, slotMinutes: 10, slotDrinks: 8, slotDrinksByWeekday: { sat: 20, sun: 0 } });
    expect((await getStoreAdmin({ prisma: ctx.stack.prisma, timeZone })).settings).toMatchObject({ slotMinutes: 10, slotDrinks: 8, slotDrinksByWeekday: { sat: 20, sun: 0 } });
    expect(await audits("store.update", since)).toEqual([{ actorName: "Morgan", summary: "Pickup slots 15 → 10 min; Drinks per slot 12 → 8; Drinks per slot by day none → Saturday 20, Sunday 0" }]);

    // Clearing the overrides stores none (null); the same values again log nothing.
    await changeStoreSettingsAsStaff({ prisma: ctx.stack.prisma, actor, patch: { slotDrinksByWeekday: {}, scheduledOrders: false } });
    expect(await slotColumns()).toEqual({ scheduledOrders: false, slotMinutes: 10, slotDrinks: 8, slotDrinksByWeekday: null });
    await changeStoreSettingsAsStaff({ prisma: ctx.stack.prisma, actor, patch: { slotDrinksByWeekday: {}, slotMinutes: 10 } });
    expect((await audits("store.update", since)).map((a) => a.summary)).toEqual([
      "Pickup slots 15 → 10 min; Drinks per slot 12 → 8; Drinks per slot by day none → Saturday 20, Sunday 0",
      "Stopped orders ahead for a pickup time; Drinks per slot by day Saturday 20, Sunday 0 → none",
    ]);
  });

  it("are saved through the admin store route, which answers with them", async () => {
    const body = { store: { scheduledOrders: true, slotMinutes: 5, slotDrinks: 30, slotDrinksByWeekday: { fri: 40 } } };
    const r = await storeRoute(request("/api/admin/store", { method: "PATCH", body }), {});
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ settings: body.store });
    const read = await getStoreRoute(request("/api/admin/store", { method: "GET" }), {});
    expect(await read.json()).toMatchObject({ settings: body.store });
    expect(await slotColumns()).toEqual(body.store);
  });

  it("refuse bad input with a message per field and keep nothing of it", async () => {
    const before = await slotColumns();
    const cases: [object, { path: string; message: string }][] = [
      [{ slotMinutes: 7 }, { path: "store.slotMinutes", message: "slots are 5, 10 or 15 minutes long" }],
      [{ slotDrinks: 0 }, { path: "store.slotDrinks", message: "drinks per slot is at least 1" }],
      [{ slotDrinksByWeekday: { sat: -1 } }, { path: "store.slotDrinksByWeekday.sat", message: "drinks per slot is at least 0" }],
    ];
    for (const [store, issue] of cases) {
      // Each bad field travels with a good one, which must not be saved either.
      const r = await storeRoute(request("/api/admin/store", { method: "PATCH", body: { store: { slotDrinks: 99, slotMinutes: 15, ...store } } }), {});
      expect(r.status, JSON.stringify(store)).toBe(400);
      const json = (await r.json()) as Issues;
      expect(json.error.code).toBe("VALIDATION");
      expect(json.error.details.issues).toEqual([issue]);
    }
    expect(await slotColumns()).toEqual(before);
  });
});

describe("item prep time", () => {
  it("is saved, shown in the menu editor, audited in the manager's words, and cleared back to automatic", async () => {
    const since = new Date();
    const created = await saveItem({ prisma: ctx.stack.prisma, actor, input: { name: "Slow pour", basePriceCents: 500, categoryId: "brewed", prepSeconds: 240 } });
    expect(created).toMatchObject({ prepSeconds: 240 });
    await saveItem({ prisma: ctx.stack.prisma, actor, id: "latte", input: { prepSeconds: 90 } });
    const items = (await getMenuAdmin({ prisma: ctx.stack.prisma })).categories.flatMap((c) => c.items);
    expect(items.find((i) => i.id === "latte")).toMatchObject({ prepSeconds: 90 });
    expect(items.find((i) => i.id === created.id)).toMatchObject({ prepSeconds: 240 });
    expect(items.find((i) => i.id === "mocha")).toMatchObject({ prepSeconds: null });

    const r = await patchItemRoute(request("/api/admin/menu/items/latte", { method: "PATCH", body: { prepSeconds: null } }), params({ id: "latte" }));
    expect(await r.json()).toMatchObject({ id: "latte", prepSeconds: null });
    const menu = (await (await menuAdminRoute(request("/api/admin/menu", { method: "GET" }), {})).json()) as { categories: { items: { id: string; prepSeconds: number | null }[] }[] };
    expect(menu.categories.flatMap((c) => c.items).find((i) => i.id === created.id)).toMatchObject({ prepSeconds: 240 });

    const lines = (await audits("menu.item.update", since)).map((a) => a.summary);
    expect(lines).toEqual(["Prep time of Caffè latte automatic → 1:30", "Prep time of Caffè latte 1:30 → automatic"]);
  });

  it("refuses less than 10 seconds, more than an hour and fractions, through the use case and the route", async () => {
    const latte = () => ctx.stack.prisma.menuItem.findUniqueOrThrow({ where: { id: "latte" }, select: { prepSeconds: true, basePriceCents: true } });
    const before = await latte();
    await expect(saveItem({ prisma: ctx.stack.prisma, actor, id: "latte", input: { prepSeconds: 5 } })).rejects.toThrow("prep time must be at least 10 seconds (0:10), or null for automatic");
    await expect(saveItem({ prisma: ctx.stack.prisma, actor, input: { name: "Too slow", basePriceCents: 500, categoryId: "brewed", prepSeconds: 3601 } })).rejects.toThrow("prep time must be at most 3600 seconds (60:00)");
    const r = await patchItemRoute(request("/api/admin/menu/items/latte", { method: "PATCH", body: { prepSeconds: 5, basePriceCents: 999 } }), params({ id: "latte" }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as Issues).error.details.issues).toEqual([{ path: "prepSeconds", message: "prep time must be at least 10 seconds (0:10), or null for automatic" }]);
    expect(await latte()).toEqual(before);
    expect(await ctx.stack.prisma.menuItem.count({ where: { name: "Too slow" } })).toBe(0);
  });
});
