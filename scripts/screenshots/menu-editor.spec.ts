import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAs } from "../../e2e/support/staff.ts";

// README screenshot of the manager's menu editor at 1440×900: `npm run screenshots`
// (not part of `npm test`; see customer-kitchen-dashboard.spec.ts).

const OUT = path.join(import.meta.dirname, "..", "..", "docs", "screenshots");

test.use({ viewport: { width: 1440, height: 900 } });

test("menu editor", async ({ page }) => {
  mkdirSync(OUT, { recursive: true });
  await signInAs(page, "manager");
  await page.goto("/dashboard/menu");
  await expect(page.getByTestId("available-item-latte")).toBeVisible();
  await page.getByRole("button", { name: "Edit Caffè latte" }).click();
  await expect(page.getByTestId("item-form")).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, "menu-editor.png") });
});
