import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { query } from "../../e2e/support/db.ts";
import { signInAs, staffHeaders } from "../../e2e/support/staff.ts";
import { addDrink, fillDetails, placeOrderViaApi, startOrder } from "../../e2e/support/shop.ts";

// README screenshots: the customer's pages at iPhone 12–15 size, the kitchen display on a
// 1280×800 tablet, the order board on a 1920×1080 TV and the manager's dashboard. They
// write docs/screenshots/*.png and assert nothing about the app (the e2e specs do), so
// they are not in `npm test`: `npm run screenshots` (playwright.screenshots.config.ts).

const OUT = path.join(import.meta.dirname, "..", "..", "docs", "screenshots");

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });

test("menu, customisation, cart and status", async ({ page, request }) => {
  mkdirSync(OUT, { recursive: true });
  // A sales tax, so the cart shows its estimate line (undone afterwards).
  await query(`INSERT INTO "StoreSettings" (id, "taxRateBasisPoints", "updatedAt") VALUES (1, 825, now()) ON CONFLICT (id) DO UPDATE SET "taxRateBasisPoints" = 825`);
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, name) });

  await page.goto("/");
  await expect(page.getByTestId("menu-item-latte")).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await shot("menu.png");

  await page.getByTestId("menu-item-latte").click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('input[value="size-medium"]').check();
  await dialog.locator('input[value="milk-oat"]').check();
  await dialog.locator('input[value="syrup-vanilla"]').check();
  await shot("item-sheet.png");
  await dialog.getByTestId("add-to-order").click();
  await addDrink(page, { item: "cappuccino", quantity: 2 });

  await fillDetails(page, { name: "Ada", phone: "(415) 555-2671", consent: true });
  await page.locator("#your-order").scrollIntoViewIfNeeded();
  await page.getByTestId("cart").screenshot({ path: path.join(OUT, "cart.png") });

  const { statusUrl, token } = await placeOrderViaApi(request, "Ada", [
    { menuItemId: "latte", quantity: 1 },
    { menuItemId: "cappuccino", quantity: 2 },
  ]);
  await startOrder(request, token);
  await page.goto(statusUrl);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "IN_PROGRESS");
  await shot("status.png");
});

test.afterEach(async () => {
  await query(`UPDATE "StoreSettings" SET "taxRateBasisPoints" = 0 WHERE id = 1`);
});

test("kitchen display and order board", async ({ browser, request }) => {
  mkdirSync(OUT, { recursive: true });
  // A morning's mix: options, dietary flags, a note, a counter order, several ages.
  const orders: [string, { menuItemId: string; quantity: number; modifierIds?: string[]; note?: string }[]][] = [
    ["Ada Lovelace", [{ menuItemId: "latte", quantity: 1, modifierIds: ["size-large", "milk-oat", "syrup-vanilla"] }]],
    ["Grace", [{ menuItemId: "flat-white", quantity: 2, modifierIds: ["shot-decaf"] }, { menuItemId: "tea", quantity: 1 }]],
    ["Linus", [{ menuItemId: "cappuccino", quantity: 1, modifierIds: ["milk-almond"], note: "Extra foam, please" }]],
    ["Margaret", [{ menuItemId: "iced-latte", quantity: 1, modifierIds: ["size-medium", "milk-soy"] }]],
    ["Alan", [{ menuItemId: "espresso", quantity: 2 }]],
    ["Barbara", [{ menuItemId: "mocha", quantity: 1, modifierIds: ["temp-extra-hot"] }, { menuItemId: "cold-brew", quantity: 1 }]],
    ["Ken", [{ menuItemId: "americano", quantity: 1 }]],
    ["Radia", [{ menuItemId: "chai-latte", quantity: 1, modifierIds: ["milk-oat"] }]],
    ["Dennis", [{ menuItemId: "hot-chocolate", quantity: 1 }]],
  ];
  const placed = [];
  for (const [name, items] of orders) placed.push(await placeOrderViaApi(request, name, items));
  // Three were made a while ago and are ready; two are being made; the rest wait, some for long.
  for (const p of placed.slice(0, 5)) await startOrder(request, p.token);
  for (const p of placed.slice(0, 3)) {
    const [row] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE "publicToken" = $1`, [p.token]);
    expect((await request.post(`/api/kds/tickets/${row!.id}/ready`, { data: {}, headers: await staffHeaders("barista") })).ok()).toBe(true);
  }
  await query(`UPDATE "Order" SET "queuedAt" = now() - interval '6 minutes', "createdAt" = now() - interval '6 minutes' WHERE "publicToken" = $1`, [placed[3]!.token]);
  await query(`UPDATE "Order" SET "queuedAt" = now() - interval '4 minutes', "createdAt" = now() - interval '4 minutes' WHERE "publicToken" = $1`, [placed[4]!.token]);

  const kds = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })).newPage();
  await signInAs(kds, "barista");
  await kds.goto("/kds");
  await expect(kds.getByTestId(`kds-ticket-${placed[8]!.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await kds.evaluate(() => document.fonts.ready);
  await kds.screenshot({ path: path.join(OUT, "kds.png") });
  await kds.keyboard.press("a");
  await expect(kds.getByTestId("kds-all-day-panel")).toBeVisible();
  await kds.screenshot({ path: path.join(OUT, "kds-all-day.png") });

  const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 })).newPage();
  await tv.goto("/board");
  await expect(tv.getByTestId("board-ready").getByTestId(`board-entry-${placed[2]!.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await tv.evaluate(() => document.fonts.ready);
  await tv.screenshot({ path: path.join(OUT, "board.png") });
});

test("manager's dashboard after a busy hour", async ({ browser, request }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const { seedBusyHour } = await import("../../e2e/dashboard-helpers.ts");
  await seedBusyHour(request, 60);
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })).newPage();
  await signInAs(page, "manager");
  await page.goto("/dashboard");
  await expect(page.getByTestId("orders-per-hour").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, "dashboard.png") });
});
