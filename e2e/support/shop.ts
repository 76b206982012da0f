import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { query } from "./db.ts";
import { staffHeaders } from "./staff.ts";

// Steps the customer specs share: adding a drink through the sheet, filling in the
// checkout, and a barista's actions through the kitchen API.

export type DrinkChoice = { item: string; options?: string[]; quantity?: number; note?: string };

/** A name no other test or run uses, so database checks see only this test's orders. */
export const uniqueName = (prefix: string) => `${prefix} ${Date.now().toString(36).slice(-5)}`;

export function sheet(page: Page): Locator {
  return page.getByRole("dialog");
}

export async function addDrink(page: Page, { item, options = [], quantity = 1, note }: DrinkChoice): Promise<void> {
  await page.getByTestId(`menu-item-${item}`).click();
  const dialog = sheet(page);
  await expect(dialog).toBeVisible();
  // Options by their menu ids (lib/menu/cafe-menu.ts); labels carry prices.
  for (const id of options) await dialog.locator(`input[value="${id}"]`).check();
  for (let i = 1; i < quantity; i++) await dialog.getByRole("button", { name: "One more" }).click();
  if (note) await dialog.getByLabel(/Note for the barista/).fill(note);
  await dialog.getByTestId("add-to-order").click();
  await expect(dialog).toBeHidden();
}

export async function fillDetails(page: Page, details: { name: string; phone?: string; email?: string; consent?: boolean }): Promise<void> {
  await page.getByLabel("Your name").fill(details.name);
  if (details.phone !== undefined) await page.getByRole("textbox", { name: /^Mobile for a text/ }).fill(details.phone);
  if (details.email !== undefined) await page.getByRole("textbox", { name: /^Email/ }).fill(details.email);
  if (details.consent) await page.getByRole("checkbox", { name: /Text\/email me when my order is ready/ }).check();
}

export async function placeOrderAndOpenStatus(page: Page): Promise<string> {
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * A device id of its own for an order sent straight to the API: every such order is a
 * different customer's phone, and without one they would all share this machine's
 * address and its rate limit (6 orders a minute).
 */
export const newDeviceId = () => `e2e-device-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

export async function placeOrderViaApi(request: APIRequestContext, customerName: string, items = [{ menuItemId: "tea", quantity: 1 }]) {
  const response = await request.post("/api/orders", {
    data: { idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, customerName, deviceId: newDeviceId(), items },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { statusUrl: string; ticketNumber: number };
  return { ...body, token: body.statusUrl.split("/").pop()! };
}

async function orderId(token: string): Promise<string> {
  const [row] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE "publicToken" = $1`, [token]);
  if (!row) throw new Error(`no order for token ${token}`);
  return row.id;
}

/** The barista presses Start (the worker must have queued the order first). */
export async function startOrder(request: APIRequestContext, token: string): Promise<void> {
  const id = await orderId(token);
  await expect
    .poll(async () => (await query<{ status: string }>(`SELECT status::text AS status FROM "Order" WHERE id = $1`, [id]))[0]?.status, { timeout: 30_000 })
    .toBe("QUEUED");
  const response = await request.post(`/api/kds/tickets/${id}/start`, { data: {}, headers: await staffHeaders("barista") });
  expect(response.status(), await response.text()).toBe(200);
}

/** The barista presses Ready (goes through the queue; the worker marks it READY). */
export async function markReady(request: APIRequestContext, token: string): Promise<void> {
  const response = await request.post(`/api/kds/tickets/${await orderId(token)}/ready`, { data: {}, headers: await staffHeaders("barista") });
  expect(response.ok(), await response.text()).toBe(true);
}
