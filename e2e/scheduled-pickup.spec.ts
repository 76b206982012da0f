import type { Page } from "@playwright/test";
import { query } from "./support/db.ts";
import { expect, expectAccessible, test as base } from "./support/axe.ts";
import { placeScheduledOrderViaApi, scheduledOrder, scheduleForLater, type ChosenSlot } from "./support/scheduled-orders.ts";
import { moveShopClockTo, resetShopClock } from "./support/shop-clock.ts";
import { addDrink, fillDetails, placeOrderAndOpenStatus, uniqueName } from "./support/shop.ts";
import { signInAs } from "./support/staff.ts";

// Issue 17 from the customer's phone: an order for a pickup time about 20 minutes ahead
// waits as Scheduled with a countdown, shows on the kitchen's Upcoming strip (not as a
// ticket, not on the order board), and reaches the kitchen when the shop's clock gets to
// its fire time. The shop's clock is moved (e2e/support/shop-clock.ts) instead of waiting;
// the worker fires due orders every second.

/** The kitchen's tablet: a context of its own (a barista signed in), beside the customer's phone. */
const test = base.extend<{ kitchen: Page }>({
  kitchen: async ({ browser, baseURL }, provide) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, "barista");
    await provide(page);
    await context.close();
  },
});

test.use({ viewport: { width: 360, height: 780 }, hasTouch: true });

// Every spec shares the shop: its clock goes back to real time whatever happened.
test.afterEach(() => resetShopClock());
test.afterAll(() => resetShopClock());

/** The minutes a countdown shows ("Ready for pickup in 1 h 05 min" → 65). */
function countdownMinutes(text: string): number {
  const match = /Ready for pickup in (?:(\d+) h )?(\d+) min/.exec(text);
  if (!match) throw new Error(`not a countdown: "${text}"`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

/** The countdown reads the whole minutes from `shopNow` to the pickup, rounded up (a minute may tick over meanwhile). */
async function expectCountdownFrom(page: Page, slot: ChosenSlot, shopNow: number): Promise<void> {
  const expected = Math.ceil((Date.parse(slot.startsAt) - shopNow) / 60_000);
  await expect.poll(async () => countdownMinutes(await page.getByTestId("pickup-countdown").innerText())).toBeGreaterThanOrEqual(expected - 1);
  expect(countdownMinutes(await page.getByTestId("pickup-countdown").innerText())).toBeLessThanOrEqual(expected);
}

/** On the phone: a drink, "Schedule for later" at the first slot 20 minutes or more ahead, pay at pickup; the status page opens. */
async function orderForLater(page: Page, name: string, item = "latte") {
  await page.goto("/");
  await addDrink(page, { item });
  await fillDetails(page, { name });
  const slot = await scheduleForLater(page, 20);
  await expect(page.getByTestId("payment-method")).toHaveText("Pay at pickup");
  await expect(page.getByText(`We'll have it ready at ${slot.text}.`, { exact: false })).toBeVisible();
  const token = await placeOrderAndOpenStatus(page);
  const status = page.getByTestId("order-status");
  await expect(status).toHaveAttribute("data-status", "SCHEDULED");
  await expect(status).toHaveText(`Scheduled for ${slot.text}`);
  return { token, slot, ticketNumber: Number(await page.getByTestId("ticket-number").innerText()) };
}

/** The Upcoming strip's entry for a slot ("8:15 · 2 orders · 3 drinks"). */
const upcomingSlot = (kitchen: Page, slot: ChosenSlot) => kitchen.getByTestId("kds-upcoming-slot").filter({ hasText: new RegExp(`^${slot.label} ·`) });

const placedMessages = async (orderId: string) =>
  (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "orderId" = $1 AND "type" = 'order.placed'`, [orderId]))[0]!.n;

test("an order for later waits as Scheduled with a countdown, off the kitchen's tickets, and reaches the kitchen at its fire time", async ({ page, kitchen }) => {
  const { token, slot, ticketNumber } = await orderForLater(page, uniqueName("Later"));
  await expectCountdownFrom(page, slot, Date.now());
  await expect(page.getByTestId("progress").locator('[aria-current="step"]')).toContainText("Scheduled");
  await expectAccessible(page, "/orders (scheduled)");

  // Accepted for later: its pickup and fire times, not yet anything for the kitchen.
  const booked = await scheduledOrder(token);
  expect(booked).toMatchObject({ status: "SCHEDULED", ticketNumber, firedAt: null });
  expect(booked.pickupAt?.toISOString()).toBe(new Date(slot.startsAt).toISOString());
  const fireAt = booked.fireAt!.getTime();
  expect(fireAt).toBeLessThan(Date.parse(slot.startsAt));
  expect(fireAt).toBeGreaterThan(Date.now());
  expect(await placedMessages(booked.id)).toBe(0);

  // The kitchen sees it coming in the Upcoming strip, not as a ticket; the order board not at all.
  await kitchen.goto("/kds");
  await expect(upcomingSlot(kitchen, slot)).toHaveText(`${slot.label} · 1 order · 1 drink`);
  await expect(kitchen.getByTestId(`kds-ticket-${ticketNumber}`)).toHaveCount(0);
  await expectAccessible(kitchen, "/kds (upcoming)");
  const board = await kitchen.context().newPage();
  await board.goto("/board");
  await expect(board.getByTestId("board-preparing")).toBeVisible();
  await expect(board.getByTestId(`board-entry-${ticketNumber}`)).toHaveCount(0);

  // Shortly before its fire time the countdown counts from the shop's clock, and nothing is fired early.
  const beforeFire = fireAt - 2 * 60_000;
  expect(beforeFire, "a slot 20 minutes ahead fires more than 2 minutes from now").toBeGreaterThan(Date.now());
  moveShopClockTo(new Date(beforeFire));
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "SCHEDULED");
  await expectCountdownFrom(page, slot, beforeFire);
  // More than a tick of the worker.
  await page.waitForTimeout(2_000);
  expect((await scheduledOrder(token)).status).toBe("SCHEDULED");

  // The shop's clock reaches its fire time: the worker sends it to the kitchen.
  moveShopClockTo(new Date(fireAt + 3_000));
  const ticket = kitchen.getByTestId(`kds-ticket-${ticketNumber}`);
  await expect(ticket).toBeVisible({ timeout: 30_000 });
  await expect(ticket.getByTestId("kds-pickup")).toContainText(slot.label);
  await expect(ticket.getByTestId("kds-fired-late")).toHaveCount(0);
  await expect(upcomingSlot(kitchen, slot)).toHaveCount(0);
  await expect(board.getByTestId("board-preparing").getByTestId(`board-entry-${ticketNumber}`)).toBeVisible({ timeout: 30_000 });

  // The customer's page moves on to the usual steps, keeping the pickup time.
  const status = page.getByTestId("order-status");
  await expect(status).toHaveAttribute("data-status", "QUEUED", { timeout: 30_000 });
  await expect(page.getByTestId("pickup-countdown")).toHaveCount(0);
  // Said from the shop's now, which the clock moved: a slot booked as "0:15 tomorrow" at 23:50 is
  // "0:15" once the clock passed midnight to fire it.
  await expect(page.getByTestId("pickup-time")).toHaveText(new RegExp(`^Pickup at ${slot.label}( tomorrow)?$`));
  await expect(page.getByTestId("progress").locator('[aria-current="step"]')).toContainText("Queued");

  const fired = await scheduledOrder(token);
  expect(fired.status).toBe("QUEUED");
  // On time: within the minute after its fire time (a later one is marked late).
  expect(fired.firedAt!.getTime() - fireAt).toBeGreaterThanOrEqual(0);
  expect(fired.firedAt!.getTime() - fireAt).toBeLessThan(60_000);
  expect(await placedMessages(fired.id)).toBe(1);
});

test("an order for later cancelled from its status page never reaches the kitchen", async ({ page, kitchen, request }) => {
  const { token, slot, ticketNumber } = await orderForLater(page, uniqueName("Changed mind"));
  await page.getByTestId("cancel-order").click();
  await page.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "CANCELLED");
  await expect(page.getByTestId("pickup-countdown")).toHaveCount(0);

  // Someone else's order for the same time, kept: when it reaches the kitchen, the worker has fired what was due.
  const kept = await placeScheduledOrderViaApi(request, uniqueName("Kept"), slot.startsAt);
  await kitchen.goto("/kds");
  // The cancelled order no longer counts.
  await expect(upcomingSlot(kitchen, slot)).toHaveText(`${slot.label} · 1 order · 1 drink`);

  const cancelled = await scheduledOrder(token);
  const keptRow = await scheduledOrder(kept.token);
  expect(cancelled.status).toBe("CANCELLED");
  moveShopClockTo(new Date(Math.max(cancelled.fireAt!.getTime(), keptRow.fireAt!.getTime()) + 3_000));

  await expect(kitchen.getByTestId(`kds-ticket-${kept.ticketNumber}`)).toBeVisible({ timeout: 30_000 });
  await expect(kitchen.getByTestId(`kds-ticket-${ticketNumber}`)).toHaveCount(0);
  await expect(upcomingSlot(kitchen, slot)).toHaveCount(0);
  expect(await scheduledOrder(token)).toMatchObject({ status: "CANCELLED", firedAt: null });
  expect(await placedMessages(cancelled.id)).toBe(0);
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "CANCELLED");
});
