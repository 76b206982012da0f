import { setItemAvailable, setPausedUntil } from "./support/db.ts";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { addDrink, fillDetails } from "./support/shop.ts";
import { signInAs } from "./support/staff.ts";

// The manager's switches as the customer feels them: a drink 86'd on /dashboard/menu is
// greyed out on an open menu page at once, and busy mode set on /dashboard/store stops
// ordering and lifts by itself when the pause ends.

test.describe("manager's menu and store control", () => {
  test.afterEach(async () => {
    await setItemAvailable("mocha", true);
    await setPausedUntil(null);
  });

  test("86 an item and see the customer page refuse it", async ({ page, browser }) => {
    const customerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    try {
      await customer.goto("/");
      await addDrink(customer, { item: "mocha" });
      await fillDetails(customer, { name: "Eighty Six" });
      await expect(customer.getByTestId("place-order")).toBeEnabled();

      await signInAs(page, "manager");
      await page.goto("/dashboard/menu");
      const toggle = page.getByTestId("available-item-mocha");
      await expect(toggle).toHaveAttribute("aria-pressed", "true");
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-pressed", "false");
      await expect(toggle).toHaveText(/Sold out/);
      await expect(page.getByRole("status")).toContainText("86'd Mocha");

      // The open customer page follows without a reload, and will not send the order.
      const card = customer.getByTestId("menu-item-mocha");
      await expect(card).toBeDisabled({ timeout: 5_000 });
      await expect(card).toContainText("Sold out");
      await expect(customer.getByTestId("cart-line").filter({ hasText: "Mocha" })).toHaveAttribute("data-problem", "true");
      await expect(customer.getByTestId("place-order")).toBeDisabled();

      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-pressed", "true");
      await expect(card).toBeEnabled({ timeout: 5_000 });
    } finally {
      await customerContext.close();
    }
  });

  test("busy-mode pause and auto-resume (with a short time)", async ({ page, browser }) => {
    const customerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    try {
      await customer.goto("/");
      await addDrink(customer, { item: "americano" });
      await fillDetails(customer, { name: "Busy Bee" });

      await signInAs(page, "manager");
      await page.goto("/dashboard/store");
      await page.getByTestId("pause-15").click();
      await expect(page.getByTestId("busy-paused")).toBeVisible();

      const banner = customer.getByTestId("store-banner");
      await expect(banner).toHaveAttribute("data-state", "paused", { timeout: 5_000 });
      await expect(customer.getByTestId("place-order")).toBeDisabled();

      // Time passes quickly here: the pause now ends in 3 s. Nothing else happens when it
      // ends; both pages notice by themselves.
      await setPausedUntil(new Date(Date.now() + 3_000));
      await page.reload();
      await expect(page.getByTestId("busy-paused")).toBeVisible();
      await expect(banner).toHaveCount(0, { timeout: 8_000 });
      await expect(customer.getByTestId("place-order")).toBeEnabled();
      await expect(page.getByTestId("busy-paused")).toHaveCount(0, { timeout: 5_000 });
      await expect(page.getByTestId("store-state")).toHaveAttribute("data-state", "open");
    } finally {
      await customerContext.close();
    }
  });

  test("edit a customer message with a live preview, refused placeholders and a reset", async ({ page }) => {
    await signInAs(page, "manager");
    await page.goto("/dashboard/templates");
    const card = page.getByTestId("template-order.ready:SMS");
    const body = card.getByRole("textbox", { name: "Message", exact: true });
    await body.fill("{name}, #{ticket} is ready at {store}! {nmae}");
    await expect(card.getByRole("alert")).toContainText("unknown placeholder {nmae}");
    await expect(card.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    await expectAccessible(page, "/dashboard/templates (field error)");

    await body.fill("{name}, #{ticket} is ready at {store}!");
    await expect(page.getByTestId("preview-order.ready:SMS")).toHaveText("Alexandra, #128 is ready at Brewline Coffee!");
    await card.getByRole("button", { name: "Save", exact: true }).click();
    await expect(card.getByRole("status")).toContainText("the next message uses it");
    await card.getByRole("button", { name: "Reset to default" }).click();
    await expect(body).toHaveValue("{name}, your {store} order #{ticket} is ready for pickup.");
  });
});
