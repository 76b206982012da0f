import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { query } from "./support/db.ts";
import { addDrink, fillDetails, placeOrderViaApi, startOrder } from "./support/shop.ts";

// README screenshots at iPhone 12–15 size. Not part of the suite: run with
// BREWLINE_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts

const OUT = path.join(import.meta.dirname, "..", "docs", "screenshots");

test.skip(process.env.BREWLINE_SCREENSHOTS !== "1", "screenshots only on request");
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
  if (process.env.BREWLINE_SCREENSHOTS === "1") await query(`UPDATE "StoreSettings" SET "taxRateBasisPoints" = 0 WHERE id = 1`);
});
