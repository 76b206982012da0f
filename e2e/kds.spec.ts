import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { signInAs, staffHeaders } from "./support/staff.ts";
import { orderStatus, placeOrderWithContact } from "./dashboard-helpers.ts";
import { query } from "./support/db.ts";
import { textsTo, uniquePhone } from "./support/inboxes.ts";
import { newDeviceId, placeOrderViaApi, uniqueName } from "./support/shop.ts";

// The kitchen display as baristas use it (a 1280×800 tablet with a bump bar), the
// counter order, and the customer-facing order board.

test.use({ viewport: { width: 1280, height: 800 } });

/** The ticket's id, once the worker has put it on the board. */
async function ticketId(request: APIRequestContext, ticketNumber: number): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const board = (await (await request.get("/api/kds/tickets", { headers: await staffHeaders("barista") })).json()) as { tickets: { id: string; ticketNumber: number }[] };
      id = board.tickets.find((t) => t.ticketNumber === ticketNumber)?.id;
      return id;
    }, { timeout: 30_000 })
    .toBeTruthy();
  return id!;
}

async function openKds(page: Page) {
  await signInAs(page, "barista");
  await page.goto("/kds");
}

/** An order with options (placeOrderViaApi sends plain drinks). */
async function placeOatLatte(request: APIRequestContext, customerName: string) {
  const response = await request.post("/api/orders", {
    data: {
      idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      customerName,
      deviceId: newDeviceId(),
      items: [{ menuItemId: "latte", quantity: 2, modifierIds: ["milk-oat"] }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { statusUrl: string; ticketNumber: number };
}

test("a barista claims, bumps and recalls by keyboard; a cancellation reaches the customer with its reason", async ({ page, context, request }) => {
  const made = await placeOatLatte(request, uniqueName("Bump"));
  const dropped = await placeOrderViaApi(request, uniqueName("Drop"));
  const customer = await context.newPage();
  await customer.goto(made.statusUrl);

  await openKds(page);
  const card = page.getByTestId(`kds-ticket-${made.ticketNumber}`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  // Non-default options are highlighted; dietary flags are a warning badge.
  await expect(card.getByTestId("kds-flag")).toHaveText(/Non-dairy/i);

  // Select it (a tap on the card), then S starts it under the barista's name.
  await card.click({ position: { x: 12, y: 12 } });
  await expect(card).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("s");
  await expect(card).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(card.getByTestId("kds-claimed-by")).toHaveText("Sam is making this");

  // A: the all-day panel counts the open drinks.
  await page.keyboard.press("a");
  await expect(page.getByTestId("kds-all-day-panel")).toContainText("Oat milk");
  await page.keyboard.press("a");
  await expect(page.getByTestId("kds-all-day-panel")).toBeHidden();

  // Enter bumps it; the customer's page turns ready, and Recall brings it back.
  await page.keyboard.press("Enter");
  await expect(customer.getByTestId("order-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  const recall = page.getByTestId(`kds-recall-${made.ticketNumber}`);
  await expect(recall).toBeVisible();
  await recall.click();
  await expect(card).toBeVisible();
  await expect(card).toContainText("Recalled");
  await expect(customer.getByTestId("order-status")).toHaveAttribute("data-status", "IN_PROGRESS", { timeout: 30_000 });

  // Cancel takes a reason and a confirmation; the customer sees the reason.
  const other = page.getByTestId(`kds-ticket-${dropped.ticketNumber}`);
  await expect(other).toBeVisible({ timeout: 30_000 });
  await other.getByTestId("kds-cancel").click();
  const dialog = page.getByTestId("kds-cancel-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Out of stock" }).click();
  await expectAccessible(page, "/kds (cancel dialog)");
  await dialog.getByTestId("kds-confirm-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(other).toBeHidden();
  await customer.goto(dropped.statusUrl);
  await expect(customer.getByTestId("order-status")).toHaveAttribute("data-status", "CANCELLED");
  await expect(customer.getByTestId("status-detail")).toHaveText("Cancelled by the café: Out of stock");
});

test("a ticket cancelled as spam leaves the board and nothing is sent to the number on it", async ({ page, request }) => {
  const phone = uniquePhone();
  const order = await placeOrderWithContact(request, uniqueName("Spam"), { phone });
  await openKds(page);
  const card = page.getByTestId(`kds-ticket-${order.ticketNumber}`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByTestId("kds-cancel").click();
  const dialog = page.getByTestId("kds-cancel-dialog");
  await dialog.getByTestId("kds-cancel-spam").click();
  await expect(dialog.getByTestId("kds-cancel-hint")).toHaveText(/^No text or email is sent/);
  await expectAccessible(page, "/kds (cancel as spam)");
  await dialog.getByTestId("kds-confirm-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(card).toBeHidden();
  expect(await orderStatus(order.id)).toBe("CANCELLED");
  // Nothing for the notifier at all, so nothing can reach the phone later either.
  expect(await query(`SELECT 1 FROM "OutboxMessage" WHERE "orderId" = $1 AND "type" = 'order.cancelled'`, [order.id])).toEqual([]);
  expect(await textsTo(phone)).toEqual([]);
});

test("a dropped connection says so, and the board catches up on what it missed", async ({ page, request }) => {
  const placed = await placeOrderViaApi(request, uniqueName("Offline"));
  await openKds(page);
  const card = page.getByTestId(`kds-ticket-${placed.ticketNumber}`);
  await expect(card).toBeVisible({ timeout: 30_000 });

  await page.context().setOffline(true);
  await expect(page.getByTestId("kds-disconnected")).toBeVisible();
  // Meanwhile another barista starts it on their screen.
  const response = await request.post(`/api/kds/tickets/${await ticketId(request, placed.ticketNumber)}/start`, { data: {}, headers: await staffHeaders("barista", "Kim") });
  expect(response.status(), await response.text()).toBe(200);
  await page.context().setOffline(false);
  await expect(page.getByTestId("kds-disconnected")).toBeHidden({ timeout: 30_000 });
  await expect(card.getByTestId("kds-claimed-by")).toHaveText("Kim is making this");
  await expect(card.getByTestId("kds-start")).toHaveCount(0);
});

test("a counter order joins the board marked walk-up", async ({ page }) => {
  await openKds(page);
  await page.getByTestId("kds-walk-up").click();
  const dialog = page.getByTestId("kds-walk-up-dialog");
  await expect(dialog).toBeVisible();
  // Options through the same sheet customers use.
  await dialog.getByTestId("walk-up-item-latte").click();
  const sheet = page.getByRole("dialog", { name: "Caffè latte" });
  await sheet.locator('input[value="milk-oat"]').check();
  await sheet.getByTestId("add-to-order").click();
  await expect(sheet).toBeHidden();
  await dialog.getByTestId("walk-up-item-tea").click();
  await expect(dialog.getByTestId("cart-line")).toHaveCount(2);

  // The name is required.
  await dialog.getByTestId("walk-up-submit").click();
  await expect(dialog.getByTestId("walk-up-error")).toHaveText("Please check the highlighted details");
  const name = uniqueName("Counter");
  await dialog.getByLabel("Name (required)").fill(name);
  // How the customer paid is a required choice too.
  await dialog.getByText("Cash", { exact: true }).click();
  await expectAccessible(page, "/kds (counter order)");
  await dialog.getByTestId("walk-up-submit").click();
  await expect(dialog.getByTestId("walk-up-paid-by")).toHaveText("· paid by cash");

  const ticket = (await dialog.getByTestId("walk-up-ticket").innerText()).trim();
  expect(ticket).toMatch(/^\d+$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  const card = page.getByTestId(`kds-ticket-${ticket}`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText("Walk-up");
  await expect(card).toContainText(name);
});

test("the order board shows what is being made and what is ready, first names only", async ({ page, request }) => {
  const placed = await placeOrderViaApi(request, `${uniqueName("Board")} Surname`);
  const id = await ticketId(request, placed.ticketNumber);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/board");
  const entry = page.getByTestId(`board-entry-${placed.ticketNumber}`);
  await expect(page.getByTestId("board-preparing").getByTestId(`board-entry-${placed.ticketNumber}`)).toBeVisible();
  await expect(entry).not.toContainText("Surname");

  expect((await request.post(`/api/kds/tickets/${id}/ready`, { data: {}, headers: await staffHeaders("barista") })).ok()).toBe(true);
  const ready = page.getByTestId("board-ready").getByTestId(`board-entry-${placed.ticketNumber}`);
  await expect(ready).toBeVisible({ timeout: 30_000 });
  await expect(ready).toHaveAttribute("data-fresh", "true");
});
