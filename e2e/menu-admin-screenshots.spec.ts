import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/staff.ts";

// README screenshot of the manager's menu editor at 1440×900. Not part of the suite:
// BREWLINE_SCREENSHOTS=1 npx playwright test e2e/menu-admin-screenshots.spec.ts

const OUT = path.join(import.meta.dirname, "..", "docs", "screenshots");

test.skip(process.env.BREWLINE_SCREENSHOTS !== "1", "screenshots only on request");
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
