import { expect, test } from "./support/axe.ts";
import { query } from "./support/db.ts";
import { signInAs } from "./support/staff.ts";
import { emailsTo, textsTo, uniquePhone } from "./support/inboxes.ts";
import { fillDetails } from "./support/shop.ts";

// The whole journey through the real processes: browser → web → Postgres + SQS → worker
// → KDS → SNS → notifier → maildev and the dev SMS inbox.

test("a customised drink goes from the customer to the kitchen and back, with one text and one email", async ({ page, context }) => {
  const phone = uniquePhone();
  // Unique per run, so "exactly one email" is about this order only.
  const email = `ada.${Date.now()}@example.com`;

  // Customer: a large oat latte with vanilla.
  await page.goto("/");
  await page.getByTestId("menu-item-latte").click();
  const sheet = page.getByRole("dialog");
  // Options by their menu ids (lib/menu/cafe-menu.ts); labels carry prices.
  const option = (id: string) => sheet.locator(`input[value="${id}"]`);
  await option("size-large").check();
  await option("milk-oat").check();
  await option("syrup-vanilla").check();
  await sheet.getByTestId("add-to-order").click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText("Oat milk");

  await fillDetails(page, { name: "Ada", phone, email, consent: true });
  await page.getByTestId("place-order").click();

  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  const token = new URL(page.url()).pathname.split("/").pop()!;
  const ticket = (await page.getByTestId("ticket-number").innerText()).trim();
  expect(ticket).toMatch(/^\d+$/);
  // The worker takes it off the FIFO queue; the page follows without a reload.
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "QUEUED");

  // Barista (a manager here, who may also open the dev SMS inbox below): signs in, finds the ticket on the kitchen display, starts it
  // (claimed under their name), then marks it ready.
  const kds = await context.newPage();
  await signInAs(kds, "manager", "Sam");
  await kds.goto("/kds");
  const card = kds.getByTestId(`kds-ticket-${ticket}`);
  await expect(card).toBeVisible();
  await expect(card).toContainText("Ada");
  await expect(card).toContainText("Oat milk");
  await card.getByTestId("kds-start").click();
  await expect(card).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(card.getByTestId("kds-claimed-by")).toHaveText("Sam is making this");
  await card.getByTestId("kds-ready").click();

  // Customer page, never reloaded, turns READY (LISTEN/NOTIFY → SSE).
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(page.getByTestId("ticket-number")).toHaveText(ticket);

  // One email in maildev, one text in the dev SMS inbox.
  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  // The data folder is new for every run, so every text to this number is from this order.
  const sms = () => textsTo(phone);
  await expect.poll(async () => (await sms()).length, { timeout: 30_000 }).toBeGreaterThan(0);

  // Give a duplicate delivery (SNS → queue → notifier redelivery) time to show up.
  await page.waitForTimeout(2_000);
  const emails = await emailsTo(email);
  expect(emails).toHaveLength(1);
  expect(emails[0]!.subject).toContain(`#${ticket}`);
  const texts = await sms();
  expect(texts).toHaveLength(1);
  expect(texts[0]!.body).toContain(`#${ticket}`);

  const notifications = await query<{ channel: string; status: string }>(
    `SELECT n.channel, n.status FROM "Notification" n JOIN "Order" o ON o.id = n."orderId" WHERE o."publicToken" = $1 ORDER BY n.channel::text`,
    [token],
  );
  expect(notifications).toEqual([
    { channel: "EMAIL", status: "SENT" },
    { channel: "SMS", status: "SENT" },
  ]);

  // The dev SMS inbox page lists it too.
  await kds.goto("/dev/sms");
  await expect(kds.getByTestId("dev-sms").filter({ hasText: phone })).toHaveCount(1);
});
