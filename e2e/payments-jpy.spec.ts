import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe.ts";
import { orderNamed } from "./support/payment-orders.ts";
import { paymentStack, standInPayPage, standInSession, statusPage } from "./support/payments-stack.ts";
import { addDrink, fillDetails, uniqueName } from "./support/shop.ts";

// Issue 16 in a yen café (STORE_CURRENCY=JPY, ja-JP, 10 % consumption tax added): yen
// have no minor unit, so every amount is whole yen from the menu to the charge.

const stack = paymentStack("jpy");
test.use({ viewport: { width: 390, height: 844 } });

test("yen without decimals on the menu, and an online payment charges exactly the order's total", async ({ page }) => {
  await page.goto("/");
  const mocha = page.getByTestId("menu-item-mocha");
  await expect(mocha).toContainText("￥450");
  const menu = await page.locator('[data-testid^="menu-item-"]').allInnerTexts();
  expect(menu.length).toBeGreaterThan(5);
  for (const text of menu) {
    expect(text).toMatch(/￥\d/);
    expect(text, "a yen price with decimals").not.toMatch(/\d[.,]\d\d(?!\d)/);
  }

  // Mocha ￥450, tax 10 % = ￥45, tip 15 % = ￥67.5, rounded half up to ￥68: ￥563.
  const name = uniqueName("Haruto");
  await addDrink(page, { item: "mocha" });
  await fillDetails(page, { name });
  await page.getByTestId("pay-online").click();
  await page.getByTestId("tip-15").click();
  await expect(page.getByTestId("cart-subtotal")).toHaveText("￥450");
  await expect(page.getByTestId("cart-tax")).toHaveText("￥45");
  await expect(page.getByTestId("cart-tip")).toHaveText("￥68");
  await expect(page.getByTestId("cart-total")).toHaveText("￥563");
  await expectAccessible(page, "/ (yen, paying online)");
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(standInPayPage(stack));

  // The provider is asked for the total in whole yen (JPY is zero-decimal at Stripe too).
  const order = (await orderNamed(stack, name))!;
  expect(order.totalCents).toBe(563);
  const session = (await standInSession(stack, order.checkoutSessionId!))!;
  expect(session).toMatchObject({ currency: "jpy", amount_total: 563 });
  await expect(page.getByTestId("standin-total")).toHaveText("¥563");

  await page.getByTestId("standin-pay").click();
  await expect(page).toHaveURL(statusPage(stack, order.publicToken));
  await expect(page.getByTestId("payment-state")).toHaveText("Paid online", { timeout: 30_000 });
  await expect(page.getByTestId("order-total")).toHaveText("￥563");
  await expect(page.getByTestId("order-tip")).toHaveText("￥68");
  expect((await standInSession(stack, order.checkoutSessionId!))!.status).toBe("complete");
  await expectAccessible(page, "/orders (paid in yen)");
});
