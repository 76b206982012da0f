import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe.ts";
import { orderNamed, type PaymentOrder } from "./support/payment-orders.ts";
import { emailsOn, expireCheckout, paymentStack, standInPayPage, standInRefunds, statusPage } from "./support/payments-stack.ts";
import { addDrink, fillDetails, placeOrderViaApi, uniqueName } from "./support/shop.ts";
import { signInTo } from "./support/stack-staff.ts";

// Issue 16 in a euro café (STORE_CURRENCY=EUR, de-DE, 20 % VAT inside the prices) taking
// payment online through the Stripe stand-in: a customer on a phone pays with a tip, an
// abandoned checkout never reaches the kitchen, and a paid order the kitchen cancels is
// refunded exactly once and the customer is told.

const stack = paymentStack("eur");
// A phone (its browser type is left to the project: setting it here would force a new worker).
const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["Pixel 7"];
test.use({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });

/** "4,50 €" as de-DE writes it (a no-break space before the sign). */
const euros = (amount: string) => new RegExp(`^${amount}\\s€$`);

/** A barista's kitchen display on a tablet, signed in to the euro shop. */
async function openKitchen(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 800 } });
  const kds = await context.newPage();
  await signInTo(stack, kds, "barista");
  await kds.goto("/kds");
  await expect(kds.getByTestId("kds-walk-up")).toBeVisible();
  return kds;
}

/** The customer's phone: one drink, their details, pay online with the given tip button; ends on the stand-in's payment page. */
async function checkOutOnline(page: Page, options: { name: string; item: string; tip: string; email?: string }): Promise<PaymentOrder> {
  await page.goto("/");
  await addDrink(page, { item: options.item });
  await fillDetails(page, { name: options.name, email: options.email, consent: options.email !== undefined });
  await page.getByTestId("pay-online").click();
  await page.getByTestId(options.tip).click();
  await expect(page.getByTestId(options.tip)).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(standInPayPage(stack));
  let order: PaymentOrder | undefined;
  await expect.poll(async () => (order = await orderNamed(stack, options.name))?.checkoutSessionId ?? null).toBeTruthy();
  return order!;
}

async function statusOf(name: string): Promise<string | undefined> {
  return (await orderNamed(stack, name))?.status;
}

test("a phone customer pays online with a 15 % tip; the kitchen sees the order only once it is paid", async ({ page, browser }) => {
  const kds = await openKitchen(browser);
  const board = await kds.context().newPage();
  await board.goto("/board");
  const name = uniqueName("Lena");

  // Prices the euro way, VAT included.
  await page.goto("/");
  await expect(page.getByTestId("menu-item-mocha")).toContainText(/4,50\s€/);
  await addDrink(page, { item: "latte" });
  await expect(page.getByTestId("cart-subtotal")).toHaveText(euros("4,00"));
  await fillDetails(page, { name });
  await page.getByTestId("pay-online").click();
  await expect(page.getByTestId("tip-15")).toContainText(/0,60\s€/);
  await page.getByTestId("tip-15").click();
  await expect(page.getByTestId("cart-tip")).toHaveText(euros("0,60"));
  await expect(page.getByTestId("cart-total")).toHaveText(euros("4,60"));
  await expect(page.getByTestId("cart-tax")).toHaveAttribute("data-included", "true");
  await expectAccessible(page, "/ (paying online, 15 % tip)");
  await expect(page.getByTestId("place-order")).toHaveText(/^Pay 4,60\s€$/);
  await page.getByTestId("place-order").click();

  // The stand-in's hosted page asks for the order's total, tip included.
  await expect(page).toHaveURL(standInPayPage(stack));
  await expect(page.getByTestId("standin-total")).toHaveText("€4.60");
  const order = (await orderNamed(stack, name))!;
  expect(order).toMatchObject({ status: "AWAITING_PAYMENT", paymentStatus: "UNPAID", totalCents: 460, tipCents: 60 });

  // Not paid yet: nothing for the kitchen. A pay-at-pickup order placed after it reaches the
  // display, so the display is live and the worker has had its turn at the unpaid one.
  const walkIn = await placeOrderViaApi(page.request, uniqueName("Control"));
  await expect(kds.getByTestId(`kds-ticket-${walkIn.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(board.getByTestId(`board-entry-${walkIn.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(kds.getByTestId(`kds-ticket-${order.ticketNumber}`)).toHaveCount(0);
  await expect(board.getByTestId(`board-entry-${order.ticketNumber}`)).toHaveCount(0);
  expect(await statusOf(name)).toBe("AWAITING_PAYMENT");

  // Pay: back on the status page, paid, with the tip; the kitchen gets the ticket.
  await page.getByTestId("standin-pay").click();
  await expect(page).toHaveURL(statusPage(stack, order.publicToken));
  await expect(page.getByTestId("payment-state")).toHaveText("Paid online", { timeout: 30_000 });
  await expect(page.getByTestId("order-tip")).toHaveText(euros("0,60"));
  await expect(page.getByTestId("order-total")).toHaveText(euros("4,60"));
  await expect(kds.getByTestId(`kds-ticket-${order.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(kds.getByTestId(`kds-ticket-${order.ticketNumber}`)).toContainText(name);
  await expect(board.getByTestId(`board-entry-${order.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, "/orders (paid online)");
  await kds.context().close();
});

test("an abandoned checkout waits for payment, then expires and never reaches the kitchen", async ({ page, browser }) => {
  const kds = await openKitchen(browser);
  const name = uniqueName("Jonas");
  const order = await checkOutOnline(page, { name, item: "mocha", tip: "tip-0" });

  // The customer backs out of the payment page: the order waits, and can still be paid.
  await page.getByTestId("standin-cancel").click();
  await expect(page).toHaveURL(statusPage(stack, order.publicToken));
  await expect(page.getByTestId("payment-state")).toHaveText("Waiting for payment");
  await expect(page.getByTestId("pay-now")).toBeVisible();
  await expectAccessible(page, "/orders (waiting for payment)");

  // The checkout runs out (checkout.session.expired): the page, left open, says so.
  await expireCheckout(stack, order.checkoutSessionId!);
  await expect(page.getByTestId("payment-state")).toHaveText(/^Payment not completed/, { timeout: 30_000 });
  await expect(page.getByTestId("pay-now")).toHaveCount(0);
  await expect.poll(() => statusOf(name)).toBe("PAYMENT_EXPIRED");
  await page.reload();
  await expect(page.getByTestId("payment-state")).toHaveText(/^Payment not completed/);
  await expectAccessible(page, "/orders (payment not completed)");

  // The display is live (a later order shows up) and the expired one never did.
  const later = await placeOrderViaApi(page.request, uniqueName("Control"));
  await expect(kds.getByTestId(`kds-ticket-${later.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(kds.getByTestId(`kds-ticket-${order.ticketNumber}`)).toHaveCount(0);
  await kds.reload();
  await expect(kds.getByTestId(`kds-ticket-${later.ticketNumber}`)).toBeVisible();
  await expect(kds.getByTestId(`kds-ticket-${order.ticketNumber}`)).toHaveCount(0);
  await kds.context().close();
});

test("a paid order the kitchen cancels is refunded exactly once, and the customer is told on the page and by email", async ({ page, browser }) => {
  const kds = await openKitchen(browser);
  const name = uniqueName("Mila");
  const email = `mila.${Date.now()}@example.com`;
  const order = await checkOutOnline(page, { name, item: "cappuccino", tip: "tip-10", email });
  await page.getByTestId("standin-pay").click();
  await expect(page.getByTestId("payment-state")).toHaveText("Paid online", { timeout: 30_000 });
  const paid = (await orderNamed(stack, name))!;
  expect(paid.providerPaymentId).toMatch(/^pi_/);

  // The barista cancels it: out of oat milk.
  const card = kds.getByTestId(`kds-ticket-${order.ticketNumber}`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByTestId("kds-cancel").click();
  const dialog = kds.getByTestId("kds-cancel-dialog");
  await dialog.getByRole("button", { name: "Out of stock" }).click();
  await dialog.getByTestId("kds-confirm-cancel").click();
  await expect(card).toBeHidden();

  // One refund of the whole payment at the provider, and still one a while later (a
  // redelivered message or a reconciler pass must not refund it again).
  const refundsOfOrder = async () => (await standInRefunds(stack)).filter((r) => r.paymentIntent === paid.providerPaymentId);
  await expect.poll(async () => (await refundsOfOrder()).length, { timeout: 30_000 }).toBe(1);
  await page.waitForTimeout(5_000);
  const refunds = await refundsOfOrder();
  expect(refunds).toHaveLength(1);
  expect(refunds[0]!.amount).toBe(paid.totalCents);

  // The customer's page, left open, says it was refunded; so does the cancellation email.
  const total = paid.totalCents;
  const refunded = `${Math.floor(total / 100)},${String(total % 100).padStart(2, "0")}`;
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "CANCELLED", { timeout: 30_000 });
  await expect(page.getByTestId("payment-state")).toHaveText(new RegExp(`^Refunded ${refunded}\\s€`), { timeout: 30_000 });
  await expectAccessible(page, "/orders (cancelled, refunded)");
  const cancellations = async () => (await emailsOn(stack, email)).filter((m) => /cancel/i.test(`${m.subject} ${m.text ?? ""}`));
  await expect.poll(async () => (await cancellations()).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await cancellations();
  expect(mail!.text).toMatch(/refund/i);
  expect(mail!.text).toContain(`#${order.ticketNumber}`);
  await kds.context().close();
});
