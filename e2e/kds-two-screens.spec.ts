import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./support/axe.ts";
import { signInAs } from "./support/staff.ts";
import { emailsTo, textsTo, uniquePhone } from "./support/inboxes.ts";
import { newDeviceId, uniqueName } from "./support/shop.ts";

// Two kitchen screens (two baristas, two browsers) and one customer, through the real
// processes. What the customer is told is counted where it lands: the dev SMS inbox and
// maildev. The second screen works the bump bar only.

test.use({ viewport: { width: 1280, height: 800 } });

async function placeWithContact(request: APIRequestContext, customerName: string) {
  const phone = uniquePhone();
  const email = `${customerName.replace(/\W/g, "").toLowerCase()}.${Date.now()}@example.com`;
  const response = await request.post("/api/orders", {
    data: {
      idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      customerName,
      deviceId: newDeviceId(),
      phone,
      email,
      notifyConsent: true,
      items: [{ menuItemId: "flat-white", quantity: 1, modifierIds: ["milk-oat"] }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { statusUrl: string; ticketNumber: number };
  return { ...body, phone, email };
}

/** A kitchen screen in its own browser context: its own barista name, storage and stream. */
async function kitchenScreen(browser: Browser, barista: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, "barista", barista);
  await page.goto("/kds");
  return page;
}

/** Bump-bar only: Home, then → until the ticket is selected. */
async function selectByKeys(page: Page, ticketNumber: number) {
  await page.keyboard.press("Home");
  const card = page.getByTestId(`kds-ticket-${ticketNumber}`);
  for (let i = 0; i < 60 && (await card.getAttribute("data-selected")) !== "true"; i++) await page.keyboard.press("ArrowRight");
  await expect(card).toHaveAttribute("data-selected", "true");
}

/** Lets a duplicate delivery (queue or SNS redelivery) show up before counting. */
const settle = (page: Page) => page.waitForTimeout(2_500);

test("two screens stay in step: claim, keyboard bump, recall without a second message, cancel with a reason", async ({ browser, page }) => {
  const sam = await kitchenScreen(browser, "Sam");
  const kim = await kitchenScreen(browser, "Kim");
  const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await tv.goto("/board");

  const order = await placeWithContact(page.request, uniqueName("Ada"));
  await page.goto(order.statusUrl);
  const status = page.getByTestId("order-status");

  // The order appears on both screens by itself.
  const onSam = sam.getByTestId(`kds-ticket-${order.ticketNumber}`);
  const onKim = kim.getByTestId(`kds-ticket-${order.ticketNumber}`);
  await expect(onSam).toBeVisible({ timeout: 30_000 });
  await expect(onKim).toBeVisible({ timeout: 30_000 });
  await expect(onKim.getByTestId("kds-flag")).toHaveText(/Non-dairy/i);

  // Sam claims it; Kim's screen shows who has it and offers no Start.
  await onSam.getByTestId("kds-start").click();
  await expect(onKim.getByTestId("kds-claimed-by")).toHaveText("Sam is making this");
  await expect(onKim.getByTestId("kds-start")).toHaveCount(0);
  await expect(status).toHaveAttribute("data-status", "IN_PROGRESS");

  // Kim bumps it from the bump bar: priority to the front, 1 selects it, Enter bumps.
  await selectByKeys(kim, order.ticketNumber);
  await kim.keyboard.press("p");
  await expect(kim.getByTestId("kds-ticket-" + order.ticketNumber).getByTestId("kds-priority")).toHaveAttribute("aria-pressed", "true");
  await expect(kim.locator('[data-testid^="kds-ticket-"]').first()).toHaveAttribute("data-testid", `kds-ticket-${order.ticketNumber}`);
  await kim.keyboard.press("1");
  await expect(onKim).toHaveAttribute("data-selected", "true");
  await kim.keyboard.press("Enter");

  // The customer's page turns ready, the TV board lists it as ready, both screens drop it.
  await expect(status).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(tv.getByTestId("board-ready").getByTestId(`board-entry-${order.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(onSam).toBeHidden();
  await expect(onKim).toBeHidden();
  await expect.poll(async () => (await textsTo(order.phone)).length, { timeout: 30_000 }).toBe(1);
  await expect.poll(async () => (await emailsTo(order.email)).length, { timeout: 30_000 }).toBe(1);

  // Sam recalls it (a bumped drink was wrong): back on both screens, the customer sees
  // it being made again; bumped again, it is ready — and no second text or email.
  await sam.getByTestId(`kds-recall-${order.ticketNumber}`).click();
  await expect(onSam).toBeVisible();
  await expect(onKim).toBeVisible();
  await expect(status).toHaveAttribute("data-status", "IN_PROGRESS", { timeout: 30_000 });
  await expect(tv.getByTestId("board-preparing").getByTestId(`board-entry-${order.ticketNumber}`)).toBeVisible();
  await onSam.getByTestId("kds-ready").click();
  await expect(status).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await settle(page);
  expect(await textsTo(order.phone)).toHaveLength(1);
  expect(await emailsTo(order.email)).toHaveLength(1);

  // Kim cancels another order with a typed reason: gone from both screens, the customer
  // reads why on the status page and by text and email.
  const second = await placeWithContact(page.request, uniqueName("Bea"));
  await page.goto(second.statusUrl);
  const secondOnSam = sam.getByTestId(`kds-ticket-${second.ticketNumber}`);
  const secondOnKim = kim.getByTestId(`kds-ticket-${second.ticketNumber}`);
  await expect(secondOnSam).toBeVisible({ timeout: 30_000 });
  await expect(secondOnKim).toBeVisible({ timeout: 30_000 });
  await secondOnKim.getByTestId("kds-cancel").click();
  const dialog = kim.getByTestId("kds-cancel-dialog");
  await dialog.getByLabel("Or type a reason").fill("Out of oat milk");
  await dialog.getByTestId("kds-confirm-cancel").click();
  await expect(secondOnKim).toBeHidden();
  await expect(secondOnSam).toBeHidden();
  // Sam's screen says which ticket was cancelled and why.
  await expect(sam.getByTestId("kds-toast").filter({ hasText: `#${second.ticketNumber}` })).toContainText("Out of oat milk");
  await expect(status).toHaveAttribute("data-status", "CANCELLED");
  await expect(page.getByTestId("status-detail")).toHaveText("Cancelled by the café: Out of oat milk");
  await expect.poll(async () => (await textsTo(second.phone)).map((t) => t.body), { timeout: 30_000 }).toEqual([
    expect.stringMatching(new RegExp(`order #${second.ticketNumber} was cancelled: Out of oat milk`)),
  ]);
  await expect.poll(async () => (await emailsTo(second.email)).map((m) => m.subject), { timeout: 30_000 }).toEqual([
    `Your order #${second.ticketNumber} was cancelled`,
  ]);
  await settle(page);
  expect(await textsTo(second.phone)).toHaveLength(1);
  expect(await emailsTo(second.email)).toHaveLength(1);
});
