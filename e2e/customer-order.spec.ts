import { ordersNamed } from "./support/db.ts";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { addDrink, fillDetails, newDeviceId, placeOrderAndOpenStatus, placeOrderViaApi, sheet, uniqueName } from "./support/shop.ts";

// The customer's side of issue 4 at phone size: customising, the cart surviving a
// reload, checkout with field-level errors, one order per tap however often it is
// tapped, and the status and "My orders" pages.

test.use({ viewport: { width: 360, height: 780 }, hasTouch: true });

test("customise and order two drinks; the cart survives a reload; the status page and My orders show it", async ({ page }) => {
  const name = uniqueName("Grace");
  await page.goto("/");

  // The sheet: price follows the options, the note shows its limit.
  await page.getByTestId("menu-item-latte").click();
  const dialog = sheet(page);
  const add = dialog.getByTestId("add-to-order");
  await expect(add).toContainText("$4.00");
  await dialog.locator('input[value="size-large"]').check();
  await dialog.locator('input[value="milk-oat"]').check();
  await expect(add).toContainText("$5.50");
  await dialog.locator('input[value="temp-extra-hot"]').check();
  await dialog.getByLabel(/Note for the barista/).fill("Half sweet");
  await expect(dialog.getByText("10 of 140 characters")).toBeVisible();
  await expectAccessible(page, "/ (item sheet)");
  await add.click();

  await addDrink(page, { item: "cappuccino", options: ["size-medium", "syrup-vanilla"], quantity: 2 });
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText("Oat milk");
  await expect(lines.nth(0)).toContainText("Extra hot");
  await expect(lines.nth(1)).toContainText("Vanilla syrup");

  // Quantity in the cart, then a reload: the cart is kept (localStorage).
  await lines.nth(0).getByRole("button", { name: "One more" }).click();
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$20.60");
  await page.reload();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$20.60");

  // Edit the cappuccino back to one and remove nothing; "Pay at pickup" is the method.
  await lines.nth(1).getByRole("button", { name: /^Edit/ }).click();
  await sheet(page).getByRole("button", { name: "One less" }).click();
  await sheet(page).getByTestId("add-to-order").click();
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$15.80");
  await expect(page.getByTestId("payment-method")).toHaveText("Pay at pickup");

  await fillDetails(page, { name, email: `grace.${Date.now()}@example.com`, consent: true });
  await expectAccessible(page, "/ (cart filled)");
  const token = await placeOrderAndOpenStatus(page);

  await expect(page.getByTestId("ticket-number")).toHaveText(/^\d+$/);
  await expect(page.getByText("Caffè latte")).toBeVisible();
  await expect(page.getByText("Cappuccino")).toBeVisible();
  await expect(page.getByTestId("order-total")).toContainText("$");
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", /PLACED|QUEUED/);
  await expect(page.getByTestId("progress")).toBeVisible();

  // The cart was emptied by the order; My orders (linked from the header) lists it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
  const mine = page.locator(`[data-testid="my-order"][href$="${token}"]`);
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute("data-status", /PLACED|QUEUED/);
  await page.goto("/");
  await expect(page.getByTestId("cart-line")).toHaveCount(0);
});

test("invalid phone, email and missing consent are explained next to the fields", async ({ page }) => {
  let posts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/orders") posts++;
  });
  await page.goto("/");
  await addDrink(page, { item: "espresso" });

  await page.getByTestId("place-order").click();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await expect(page.getByTestId("field-error")).toContainText(["tell us your name"]);

  await fillDetails(page, { name: "Ada", phone: "12ab", email: "ada@" });
  await page.getByTestId("place-order").click();
  const phone = page.getByRole("textbox", { name: /^Mobile for a text/ });
  const email = page.getByRole("textbox", { name: /^Email/ });
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAccessibleDescription(/doesn't look like a phone number/);
  await expect(email).toHaveAccessibleDescription(/doesn't look like an email address/);
  await expect(phone).toBeFocused();
  await expectAccessible(page, "/ (field errors)");

  // Valid contact details but no consent.
  await fillDetails(page, { name: "Ada", phone: "07700 900123", email: "ada@example.com" });
  await page.getByTestId("place-order").click();
  await expect(page.getByRole("checkbox", { name: /Text\/email me/ })).toHaveAccessibleDescription(/Tick the box/);
  expect(posts).toBe(0);

  // The server's field errors land next to the field too.
  await page.route("**/api/orders", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "VALIDATION", message: "invalid order", details: { issues: [{ path: "phone", message: "we can't send texts to that number" }] } } }),
    }),
  );
  await page.getByRole("checkbox", { name: /Text\/email me/ }).check();
  await page.getByTestId("place-order").click();
  await expect(phone).toHaveAccessibleDescription("We can't send texts to that number");
  await expect(page.getByTestId("order-error")).toHaveText("Please check the highlighted details");
});

test("a double tap on Place order makes one order", async ({ page, request }) => {
  const name = uniqueName("Double");
  await page.goto("/");
  await addDrink(page, { item: "americano" });
  await fillDetails(page, { name });
  // Slow the answer down so the second tap lands while the first is in flight.
  await page.route("**/api/orders", async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  // The pickup choice appears once the slots have loaded and moves the button down; a
  // double click sent before that lands where the button was (CI saw it), so wait for it.
  await expect(page.getByTestId("pickup")).toBeVisible();
  await page.getByTestId("place-order").dblclick();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await expect.poll(async () => (await ordersNamed(name)).length).toBe(1);
  await page.waitForTimeout(1_000);
  expect(await ordersNamed(name)).toHaveLength(1);

  // And the server side of it: the same idempotency key twice at once is one order.
  const key = `e2e-dup-${Date.now()}-abcdefgh`;
  const body = { idempotencyKey: key, customerName: `${name} api`, deviceId: newDeviceId(), items: [{ menuItemId: "tea", quantity: 1 }] };
  const [a, b] = await Promise.all([request.post("/api/orders", { data: body }), request.post("/api/orders", { data: body })]);
  const ticket = (r: typeof a) => r.json().then((j: { ticketNumber: number }) => j.ticketNumber);
  expect([a.status(), b.status()].sort()).toEqual(expect.arrayContaining([201]));
  expect(await ticket(a)).toBe(await ticket(b));
  expect(await ordersNamed(`${name} api`)).toHaveLength(1);
});

test("dark mode passes the same accessibility checks", async ({ page, request }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expectAccessible(page, "/ (dark)");
  const { statusUrl } = await placeOrderViaApi(request, uniqueName("Dark"));
  await page.goto(statusUrl);
  await expectAccessible(page, `${statusUrl} (dark)`);
});

test("ordering works with the keyboard alone", async ({ page }) => {
  const name = uniqueName("Keys");
  await page.goto("/");
  // Tab from the top of the page to the first drink, then Enter opens its sheet.
  const espresso = page.getByTestId("menu-item-espresso");
  for (let i = 0; i < 30 && !(await espresso.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(espresso).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = sheet(page);
  await expect(dialog).toBeVisible();
  // Options by Space, the quantity and the Add button by Tab and Enter.
  await dialog.locator('input[value="shot-extra"]').focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByTestId("add-to-order")).toContainText("$3.60");
  await dialog.getByTestId("add-to-order").focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // Escape closes a sheet without adding anything.
  await espresso.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);

  await page.getByLabel("Your name").focus();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
});
