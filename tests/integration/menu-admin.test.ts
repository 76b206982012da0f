import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../lib/errors.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { deleteItem } from "../../lib/menu-admin/delete-item.ts";
import { deleteOptionGroup } from "../../lib/menu-admin/delete-option-group.ts";
import { getMenuAdmin } from "../../lib/menu-admin/get-menu-admin.ts";
import { readMenuImage } from "../../lib/menu-admin/read-menu-image.ts";
import { reorderMenu } from "../../lib/menu-admin/reorder-menu.ts";
import { saveCategory } from "../../lib/menu-admin/save-category.ts";
import { saveItem } from "../../lib/menu-admin/save-item.ts";
import { saveOption } from "../../lib/menu-admin/save-option.ts";
import { saveOptionGroup } from "../../lib/menu-admin/save-option-group.ts";
import { setAvailability } from "../../lib/menu-admin/set-availability.ts";
import { uploadMenuImage } from "../../lib/menu-admin/upload-menu-image.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, sleep, waitFor } from "../support/worker-harness.ts";

// The manager's menu editing against real Postgres: what the order path and open menu
// pages see right after each change, and the audit line it leaves.

const actor = { id: "manager-1", name: "Morgan" };
let stack: TestStack;
let ctx: { prisma: TestStack["prisma"]; actor: typeof actor };
let notifications: string[] = [];
let closeListener: () => Promise<void>;

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  ctx = { prisma: stack.prisma, actor };
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: stack.pg.url });
  await client.connect();
  client.on("notification", (n) => n.channel === "menu_changed" && notifications.push(n.payload ?? ""));
  await client.query("LISTEN menu_changed");
  closeListener = () => client.end();
});
afterAll(async () => {
  await closeListener?.();
  await stack?.stop();
});

const rejection = (p: Promise<unknown>) => p.then(() => expect.fail("expected a rejection"), (e: unknown) => e as AppError);
const lastAudit = async () => (await stack.prisma.auditLog.findFirst({ where: { actorId: actor.id }, orderBy: { at: "desc" } }))!;
/** The menu_changed payloads that arrive within a moment of an edit. */
async function announced(edit: () => Promise<unknown>): Promise<string[]> {
  notifications = [];
  await edit();
  await sleep(300);
  return [...notifications];
}

describe("availability (86)", () => {
  it("refuses an 86'd item on the order path at once, announces it, and records who did it", async () => {
    expect(await announced(() => setAvailability({ ...ctx, input: { kind: "item", id: "mocha", available: false } }))).toContain("MenuItem");
    expect(await lastAudit()).toMatchObject({ actorName: "Morgan", action: "menu.item.availability", summary: "86'd Mocha" });
    const refused = await rejection(placeTestOrder(stack, { items: [{ menuItemId: "mocha", quantity: 1, modifierIds: [], note: undefined }] }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Mocha is sold out right now" });

    await setAvailability({ ...ctx, input: { kind: "item", id: "mocha", available: true } });
    expect((await lastAudit()).summary).toBe("Mocha back on");
    await placeTestOrder(stack, { items: [{ menuItemId: "mocha", quantity: 1, modifierIds: [], note: undefined }] });
  });

  it("refuses an 86'd option the same way", async () => {
    expect(await announced(() => setAvailability({ ...ctx, input: { kind: "option", id: "milk-oat", available: false } }))).toContain("Modifier");
    expect((await lastAudit()).summary).toBe("86'd Oat milk");
    const refused = await rejection(placeTestOrder(stack, { items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"], note: undefined }] }));
    expect(refused.message).toBe("Caffè latte: Oat milk is sold out right now");
    await setAvailability({ ...ctx, input: { kind: "option", id: "milk-oat", available: true } });
  });

  it("says NOT_FOUND for an id that is not on the menu", async () => {
    expect(await rejection(setAvailability({ ...ctx, input: { kind: "item", id: "no-such", available: false } }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("items", () => {
  it("creates an item with option groups, prices orders from it, and logs a price change in the manager's words", async () => {
    const item = await saveItem({ ...ctx, input: { name: "Honey latte", basePriceCents: 450, categoryId: "espresso", groupIds: ["size", "milk"] } });
    expect(item).toMatchObject({ id: "honey-latte", available: true, groupIds: expect.arrayContaining(["size", "milk"]) });
    expect((await lastAudit()).summary).toBe("Added Honey latte at 4.50");

    expect(await announced(() => saveItem({ ...ctx, id: item.id, input: { basePriceCents: 470, name: "Honey oat latte" } }))).toContain("MenuItem");
    expect((await lastAudit()).summary).toBe("Renamed Honey latte → Honey oat latte; Price of Honey oat latte 4.50 → 4.70");
    const placed = await placeTestOrder(stack, { items: [{ menuItemId: item.id, quantity: 1, modifierIds: ["size-large"], note: undefined }] });
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: placed.orderId } })).subtotalCents).toBe(470 + 90);

    // Ordered now: it stays for the order history.
    expect(await rejection(deleteItem({ ...ctx, id: item.id }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Honey oat latte has been ordered before/) });
    expect((await getMenuAdmin({ prisma: stack.prisma })).categories.find((c) => c.id === "espresso")!.items.find((i) => i.id === item.id)).toMatchObject({ ordered: true });
  });

  it("announces a change of an item's option groups, deletes an item never ordered, and refuses bad input", async () => {
    const item = await saveItem({ ...ctx, input: { name: "Test brew", basePriceCents: 100, categoryId: "brewed" } });
    expect(await announced(() => saveItem({ ...ctx, id: item.id, input: { groupIds: ["syrup"] } }))).toContain("MenuItemModifierGroup");
    await deleteItem({ ...ctx, id: item.id });
    expect(await stack.prisma.menuItem.count({ where: { id: item.id } })).toBe(0);
    expect((await lastAudit()).summary).toBe("Deleted Test brew");

    await expect(saveItem({ ...ctx, input: { name: "Gold", basePriceCents: 100_001, categoryId: "brewed" } })).rejects.toThrow(/at most 1000/);
    expect(await rejection(saveItem({ ...ctx, input: { name: "Lost", basePriceCents: 100, categoryId: "nowhere" } }))).toMatchObject({ code: "VALIDATION" });
  });

  it("reorders items within a category and refuses a mixed list", async () => {
    await reorderMenu({ ...ctx, input: { kind: "item", ids: ["iced-latte", "cold-brew", "filter"] } });
    const brewed = (await getMenuAdmin({ prisma: stack.prisma })).categories.find((c) => c.id === "brewed")!;
    expect(brewed.items.slice(0, 3).map((i) => i.id)).toEqual(["iced-latte", "cold-brew", "filter"]);
    expect(await rejection(reorderMenu({ ...ctx, input: { kind: "item", ids: ["filter", "latte"] } }))).toMatchObject({ code: "VALIDATION" });
  });
});

describe("categories, option groups and options", () => {
  it("creates a category with a station and refuses to delete one that has items", async () => {
    const category = await saveCategory({ ...ctx, input: { name: "Pastries", station: "Counter" } });
    expect(category).toMatchObject({ id: "pastries", station: "Counter" });
    await saveCategory({ ...ctx, id: category.id, input: { station: "" } });
    expect((await lastAudit()).summary).toBe("Station of Pastries Counter → none");
    const { deleteCategory } = await import("../../lib/menu-admin/delete-category.ts");
    expect(await rejection(deleteCategory({ ...ctx, id: "espresso" }))).toMatchObject({ code: "CONFLICT" });
    await deleteCategory({ ...ctx, id: category.id });
  });

  it("announces option group edits (no trigger on that table), keeps one default in a single-choice group, and deletes a group everywhere", async () => {
    let group!: { id: string };
    expect(await announced(async () => (group = await saveOptionGroup({ ...ctx, input: { name: "Cup", minSelect: 1, maxSelect: 1 } })))).toContain("ModifierGroup");
    const paper = await saveOption({ ...ctx, input: { groupId: group.id, name: "Paper", isDefault: true } });
    const own = await saveOption({ ...ctx, input: { groupId: group.id, name: "Own cup", priceDeltaCents: -20, dietaryFlag: "" } });
    await saveOption({ ...ctx, id: own.id, input: { isDefault: true } });
    const options = await stack.prisma.modifier.findMany({ where: { groupId: group.id }, orderBy: { sort: "asc" } });
    expect(options.map((o) => [o.id, o.isDefault, o.priceDeltaCents, o.dietaryFlag])).toEqual([[paper.id, false, 0, null], [own.id, true, -20, null]]);

    expect(await rejection(saveOptionGroup({ ...ctx, id: group.id, input: { minSelect: 2 } }))).toMatchObject({ code: "VALIDATION" });
    await saveItem({ ...ctx, id: "filter", input: { groupIds: ["size", group.id] } });
    expect(await announced(() => deleteOptionGroup({ ...ctx, id: group.id }))).toContain("ModifierGroup");
    expect(await stack.prisma.menuItemModifierGroup.count({ where: { groupId: group.id } })).toBe(0);
    expect((await lastAudit()).summary).toBe("Deleted option group Cup (was on 1 item(s))");
  });
});

describe("pictures", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  it("stores a PNG under its content hash and serves it back; refuses SVG and files over 2 MB", async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "brewline-images-")), "menu-images");
    const { url } = await uploadMenuImage({ ...ctx, dir, bytes: png });
    expect(url).toMatch(/^\/api\/menu-images\/[a-f0-9]{32}\.png$/);
    expect(await uploadMenuImage({ ...ctx, dir, bytes: png })).toEqual({ url });
    expect(await readdir(dir)).toHaveLength(1);
    const image = await readMenuImage({ dir, name: url.split("/").pop()! });
    expect(image.contentType).toBe("image/png");
    expect(new Uint8Array(image.bytes)).toEqual(png);
    await saveItem({ ...ctx, id: "tea", input: { image: url } });

    await expect(uploadMenuImage({ ...ctx, dir, bytes: new TextEncoder().encode("<svg onload=alert(1)>") })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(uploadMenuImage({ ...ctx, dir, bytes: new Uint8Array(2 * 1024 * 1024 + 1) })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await expect(readMenuImage({ dir, name: "../../etc/passwd" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveItem({ ...ctx, id: "tea", input: { image: "https://tracker.example/x.png" } })).rejects.toThrow(/image must be/);
  });
});

describe("busy mode", () => {
  it("refuses orders while paused and accepts them again once pausedUntil has passed, with nothing else happening", async () => {
    const { pauseOrdering } = await import("../../lib/store/pause-ordering.ts");
    // A one-minute pause that started 58 s ago: two seconds left.
    const settings = await pauseOrdering({ ...ctx, minutes: 1, now: new Date(Date.now() - 58_000) });
    expect((await lastAudit()).summary).toBe("Paused orders for 1 min");
    expect(await rejection(placeTestOrder(stack))).toMatchObject({ code: "STORE_PAUSED", details: { reopensAt: settings.pausedUntil!.toISOString() } });
    await waitFor(async () => Date.now() > settings.pausedUntil!.getTime() + 50, { what: "the pause to end" });
    await placeTestOrder(stack);
  });
});
