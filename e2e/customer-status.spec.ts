import { expect, expectAccessible, test } from "./support/axe.ts";
import { markReady, placeOrderViaApi, startOrder, uniqueName } from "./support/shop.ts";

// The status page: cancelling before the baristas start, and following the order
// through a dropped connection (the page keeps its last state, says it is
// reconnecting, and catches up once the network is back).

test.use({ viewport: { width: 360, height: 780 } });

test("the customer can cancel before the order is started, after confirming", async ({ page, request }) => {
  const { statusUrl } = await placeOrderViaApi(request, uniqueName("Cancel"));
  await page.goto(statusUrl);
  const cancel = page.getByTestId("cancel-order");
  await expect(cancel).toBeVisible();

  // "Keep my order" leaves it alone.
  await cancel.click();
  const confirm = page.getByRole("dialog", { name: "Cancel this order?" });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, `${statusUrl} (cancel dialog)`);
  await confirm.getByRole("button", { name: "Keep my order" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("order-status")).not.toHaveAttribute("data-status", "CANCELLED");

  await cancel.click();
  await confirm.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "CANCELLED");
  await expect(page.getByTestId("order-status")).toHaveText("Order cancelled");
  await expect(page.getByTestId("status-detail")).not.toBeEmpty();
  await expect(page.getByTestId("cancel-order")).toHaveCount(0);
});

test("no cancel button once a barista has started it", async ({ page, request }) => {
  const { statusUrl, token } = await placeOrderViaApi(request, uniqueName("Started"));
  await startOrder(request, token);
  await page.goto(statusUrl);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(page.getByTestId("cancel-order")).toHaveCount(0);
});

test("a dropped connection shows the reconnecting banner, and the page catches up after it", async ({ page, context, request }) => {
  const { statusUrl, token } = await placeOrderViaApi(request, uniqueName("Reconnect"));
  await page.goto(statusUrl);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "QUEUED", { timeout: 30_000 });
  await expect(page.getByTestId("reconnecting")).toHaveCount(0);

  await context.setOffline(true);
  await expect(page.getByTestId("reconnecting")).toBeVisible();
  await expectAccessible(page, `${statusUrl} (reconnecting)`);

  // Meanwhile the barista starts it; the offline page cannot know yet.
  await startOrder(request, token);
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "QUEUED");

  await context.setOffline(false);
  await expect(page.getByTestId("reconnecting")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "IN_PROGRESS");
});

test("a ready order turns green with pickup instructions", async ({ page, request }) => {
  const { statusUrl, token, ticketNumber } = await placeOrderViaApi(request, uniqueName("Ready"));
  await page.goto(statusUrl);
  await startOrder(request, token);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "IN_PROGRESS");
  await markReady(request, token);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(page.getByTestId("order-status")).toContainText("Pick it up at the counter");
  await expect(page.getByTestId("status-detail")).toContainText(`#${ticketNumber}`);
  await expect(page).toHaveTitle(new RegExp(`#${ticketNumber} · Ready!`));
  await expectAccessible(page, `${statusUrl} (ready)`);
});

test("browser notifications are asked for with a button, never on load", async ({ page, context, request }) => {
  const { statusUrl } = await placeOrderViaApi(request, uniqueName("Notify"));
  await page.goto(statusUrl);
  // The shop has push (VAPID keys) and Chromium has PushManager: the button offers push.
  await expect(page.getByTestId("push-subscribe")).toBeVisible();
  expect(await page.evaluate(() => Notification.permission)).toBe("default");
  // Allowing notifications for the site is not subscribing this order: still one tap away.
  await context.grantPermissions(["notifications"]);
  await page.reload();
  await expect(page.getByTestId("push-subscribe")).toBeVisible();
  await expect(page.getByTestId("push-on")).toHaveCount(0);
});
