import type { Page } from "@playwright/test";
import { setItemAvailable, setPausedUntil } from "./support/db.ts";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { scheduleForLater } from "./support/scheduled-orders.ts";
import { addDrink, fillDetails, placeOrderAndOpenStatus } from "./support/shop.ts";

// Orders the cafe cannot take: a drink that sold out after the page was loaded, and a
// store in busy mode. Each is set directly in Postgres, as the manager's switch would,
// and undone afterwards so the other specs see a normal shop.

test.use({ viewport: { width: 360, height: 780 } });

/** Freezes what the page knows: no live menu updates and no store checks. */
async function makeStale(page: Page) {
  await page.route(/\/api\/(menu|store)(\/|$|\?)/, (route) => route.abort());
}

test.describe("sold out", () => {
  test.afterEach(async () => setItemAvailable("mocha", true));

  test("a drink sold out after the page loaded is refused with a clear message on the right line", async ({ page }) => {
    await page.goto("/");
    await addDrink(page, { item: "flat-white" });
    await addDrink(page, { item: "mocha" });
    await fillDetails(page, { name: "Stale" });
    await makeStale(page);
    await setItemAvailable("mocha", false);

    await page.getByTestId("place-order").click();
    await expect(page.getByTestId("order-error")).toHaveText(/Mocha is sold out/);
    const mocha = page.getByTestId("cart-line").filter({ hasText: "Mocha" });
    await expect(mocha).toHaveAttribute("data-problem", "true");
    await expect(mocha.getByTestId("cart-line-problem")).toContainText(/sold out/i);
    await expect(page).toHaveURL(/\/$/);
    await expectAccessible(page, "/ (sold out)");

    // Removing the line lets the rest go through.
    await mocha.getByRole("button", { name: /^Remove/ }).click();
    await page.getByTestId("place-order").click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  });

  test("an open menu marks a drink sold out live, without a reload", async ({ page }) => {
    await page.goto("/");
    const card = page.getByTestId("menu-item-mocha");
    await expect(card).toBeEnabled();
    await addDrink(page, { item: "mocha" });
    await setItemAvailable("mocha", false);
    await expect(card).toBeDisabled();
    await expect(card).toContainText("Sold out");
    await expect(page.getByTestId("cart-line").filter({ hasText: "Mocha" })).toHaveAttribute("data-problem", "true");
    await expect(page.getByTestId("place-order")).toBeDisabled();
    await setItemAvailable("mocha", true);
    await expect(card).toBeEnabled();
    await expect(page.getByTestId("place-order")).toBeEnabled();
  });
});

test.describe("store paused", () => {
  test.afterEach(async () => setPausedUntil(null));

  test("an order from a page loaded before the pause is refused, and the page says when ordering resumes", async ({ page }) => {
    await page.goto("/");
    await addDrink(page, { item: "americano" });
    await fillDetails(page, { name: "Paused" });
    await makeStale(page);
    await setPausedUntil(new Date(Date.now() + 15 * 60_000));

    await page.getByTestId("place-order").click();
    const banner = page.getByTestId("store-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute("data-state", "paused");
    await expect(page.getByTestId("place-order")).toBeDisabled();
    await expect(page).toHaveURL(/\/$/);
    await expectAccessible(page, "/ (paused)");
  });

  test("a fresh page shows the pause and cannot submit; ordering resumes when it ends", async ({ page }) => {
    await setPausedUntil(new Date(Date.now() + 15 * 60_000));
    await page.goto("/");
    await addDrink(page, { item: "americano" });
    await expect(page.getByTestId("store-banner")).toContainText(/resumes at|catching up/i);
    await expect(page.getByTestId("place-order")).toBeDisabled();
    await setPausedUntil(null);
    // The menu stream announces store changes.
    await expect(page.getByTestId("store-banner")).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId("place-order")).toBeEnabled();
  });

  test("while paused a customer can still order ahead: they pick the pickup time themselves", async ({ page }) => {
    await setPausedUntil(new Date(Date.now() + 15 * 60_000));
    await page.goto("/");
    await addDrink(page, { item: "americano" });
    await fillDetails(page, { name: "Ahead" });
    await expect(page.getByRole("radio", { name: /As soon as possible/ })).toBeDisabled();
    await expect(page.getByTestId("place-order")).toBeDisabled();
    const slot = await scheduleForLater(page, 20);
    await expect(page.getByTestId("place-order")).toBeEnabled();
    await placeOrderAndOpenStatus(page);
    await expect(page.getByTestId("order-status")).toHaveText(`Scheduled for ${slot.text}`);
  });
});
