import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { orderStatus, placeOrderWithContact, restoreGhostOrder, sendGhostOrderPlaced } from "./dashboard-helpers.ts";
import { query } from "./support/db.ts";
import { emailsTo, textsTo, uniquePhone } from "./support/inboxes.ts";
import { placeOrderViaApi, uniqueName } from "./support/shop.ts";
import { E2E_BASE_URL } from "./stack-env.ts";
import { signInAs } from "./support/staff.ts";

// The manager's dashboard against the real shop: a poison message from queue to DLQ to
// redrive, resending a failed email, and the CSV export.

test("a poison message reaches the DLQ, is shown with its reason and is redriven once the fault is fixed", async ({ page }) => {
  // The worker retries with backoff (2, 4, 8, 16, 32 s) before SQS dead-letters it.
  test.setTimeout(240_000);
  const orderId = crypto.randomUUID();
  const ticket = 9000 + Math.floor(Math.random() * 900);
  const messageId = await sendGhostOrderPlaced(orderId, ticket);
  await signInAs(page, "manager");

  await expect
    .poll(async () => (await query(`SELECT 1 FROM "DeadLetterMessage" WHERE "messageId" = $1 AND "goneAt" IS NULL`, [messageId])).length, {
      timeout: 150_000,
      intervals: [2_000],
    })
    .toBe(1);
  await page.goto("/dashboard");
  await expect(page.getByTestId("dlq-banner")).toContainText("orders dead-letter queue");
  await page.getByRole("link", { name: "See why and redrive" }).click();
  const row = page.locator(`[data-testid="dead-letter"][data-message-id="${messageId}"]`);
  await expect(row.getByTestId("dead-letter-error")).toContainText(`NOT_FOUND: order ${orderId} does not exist`);

  await restoreGhostOrder(orderId, ticket);
  await row.getByTestId("redrive").click();
  await expect(row.getByTestId("dead-letter-state")).toContainText(/redrive requested|redriven/);
  // The worker acts within a second; the page polls every 5 s.
  await expect(row.getByTestId("dead-letter-state")).toContainText("redriven", { timeout: 30_000 });
  await expect.poll(() => orderStatus(orderId)).toBe("QUEUED");
  await expect(page.getByTestId("dlq-banner")).toBeHidden();
});

test("a failed email is resent once; the text that went out is not", async ({ page, request }) => {
  const name = uniqueName("Resend");
  const email = `${name.replace(/\W+/g, ".").toLowerCase()}@example.com`;
  const phone = uniquePhone();
  const order = await placeOrderWithContact(request, name, { email, phone });
  await signInAs(page, "manager");
  await expect.poll(() => orderStatus(order.id)).toBe("QUEUED");
  for (const action of ["start", "ready"]) {
    // page.request shares the browser's cookies but, unlike the browser's fetch, sends no Origin.
    expect((await page.request.post(`/api/kds/tickets/${order.id}/${action}`, { data: {}, headers: { origin: E2E_BASE_URL } })).ok()).toBe(true);
  }
  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(1);
  const texts = (await textsTo(phone)).length;
  // The shop's maildev runs inside the launcher and cannot be stopped from here, so the
  // outcome of an SMTP outage (tests/chaos/smtp-down.test.ts) is written as the worker would.
  await query(
    `UPDATE "Notification" SET status = 'FAILED', attempts = 5, "lastError" = 'connect ECONNREFUSED 127.0.0.1:1025'
     WHERE "orderId" = $1 AND channel = 'EMAIL'`,
    [order.id],
  );

  await page.goto("/dashboard/pipeline");
  const failed = page.locator(`[data-testid="failed-notification"][data-ticket="${order.ticketNumber}"]`);
  await expect(failed).toContainText("ECONNREFUSED");
  await failed.getByTestId("resend").click();
  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(2);
  const [row] = await query<{ status: string; attempts: number }>(`SELECT status::text AS status, attempts FROM "Notification" WHERE "orderId" = $1 AND channel = 'EMAIL'`, [order.id]);
  expect(row).toEqual({ status: "SENT", attempts: 1 });
  expect((await textsTo(phone)).length).toBe(texts);
  await expect(failed).toBeHidden({ timeout: 10_000 });
  const audit = await query(`SELECT 1 FROM "AuditLog" WHERE action = 'notification.resend' AND "orderId" = $1`, [order.id]);
  expect(audit).toHaveLength(1);
});

test("the CSV export lists the orders placed, one row each, formulas defused", async ({ page, request }) => {
  const names = [uniqueName("Csv A"), uniqueName("Csv, B"), `+${uniqueName("Csv C")}`];
  const placed = [];
  for (const name of names) placed.push(await placeOrderViaApi(request, name, [{ menuItemId: "tea", quantity: 2 }]));
  await signInAs(page, "manager");
  await page.goto("/dashboard");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^brewline-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!, "utf8")).split("\r\n");
  expect(lines[0]).toMatch(/^business_date,ticket,status,source,customer,/);
  const expected = [names[0]!, `"${names[1]!}"`, `'${names[2]!}`];
  placed.forEach((p, i) => {
    const rows = lines.filter((l) => l.split(",")[1] === String(p.ticketNumber) && l.includes(expected[i]!));
    expect(rows, `row for ${names[i]}`).toHaveLength(1);
    expect(rows[0]).toContain("2× ");
  });
});
