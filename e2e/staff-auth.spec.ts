import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { query } from "./support/db.ts";
import { createStaffAccount, signInAs } from "./support/staff.ts";
import { FIRST_MANAGER_EMAIL } from "../lib/auth/staff-accounts.ts";

// Staff sign-in in a real browser against the launcher: one-time passwords, roles,
// the kitchen's PIN switch and sign-out. Each test makes its own accounts so signing
// out never ends a session another spec relies on.

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function changePassword(page: Page, newPassword: string) {
  await expect(page.getByTestId("change-password-notice")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
}

test("the first start's manager must change the one-time password before anything else", async ({ page }) => {
  // The launcher made the first manager and printed its password once; the CLI's reset
  // gives a new one-time password exactly as the first start does.
  const [first] = await query<{ mustChangePassword: boolean }>(`SELECT "mustChangePassword" FROM "User" WHERE email = $1`, [FIRST_MANAGER_EMAIL]);
  expect(first?.mustChangePassword).toBe(true);
  const { email, oneTimePassword } = await createStaffAccount("manager", "Robin");

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
  await expectAccessible(page, "/sign-in");
  await fillSignIn(page, email, oneTimePassword);
  await expect(page.getByRole("button", { name: "Save new password" })).toBeVisible();
  // Not past the change yet: staff pages still send back to sign-in.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("One-time password").fill(oneTimePassword);
  await changePassword(page, "robins-own-long-password");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a ?next= that leads off the site lands on the kitchen display after a real sign-in", async ({ page }) => {
  const { email, oneTimePassword } = await createStaffAccount("barista", "Nia");
  // The browser drops the tab the server decodes from %09, which would leave //evil.example.
  await page.goto("/sign-in?next=/%09/evil.example");
  await fillSignIn(page, email, oneTimePassword);
  await changePassword(page, "nias-own-long-password");
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/kds$/);
});

test("an expired one-time password is refused with the way to a new one", async ({ page }) => {
  const { id, email, oneTimePassword } = await createStaffAccount("barista", "Olly");
  await query(`UPDATE "User" SET "oneTimePasswordExpiresAt" = now() - interval '1 minute' WHERE id = $1`, [id]);
  await page.goto("/sign-in");
  await fillSignIn(page, email, oneTimePassword);
  await expect(page.getByTestId("sign-in-error")).toContainText("This one-time password has expired");
  await expect(page.getByTestId("sign-in-error")).toContainText(`npm run staff -- reset ${email}`);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  const { email } = await createStaffAccount("barista", "Wren");
  await page.goto("/sign-in");
  await fillSignIn(page, email, "not-the-password-at-all");
  await expect(page.getByTestId("sign-in-error")).toContainText("don't match");
  await expectAccessible(page, "/sign-in (error)");
});

test("anonymous visitors are sent to sign-in; a barista cannot open the dashboard", async ({ page, request }) => {
  await page.goto("/kds");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fkds$/);
  expect((await request.post("/api/kds/tickets/00000000-0000-4000-8000-000000000000/start", { data: {} })).status()).toBe(401);

  await signInAs(page, "barista");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/not-allowed/);
  await expect(page.getByTestId("not-allowed")).toContainText("Sam");
  await expectAccessible(page, "/not-allowed");
});

test("the kitchen screen switches barista by PIN, and signs out", async ({ page }) => {
  const { email, oneTimePassword } = await createStaffAccount("barista", "Tablet");
  await createStaffAccount("barista", "Jo", "2468");

  await page.goto("/sign-in?next=/kds");
  await fillSignIn(page, email, oneTimePassword);
  await changePassword(page, "tablet-long-password-1");
  await expect(page).toHaveURL(/\/kds$/);
  await expect(page.getByTestId("kds-barista-name")).toHaveText("Tablet");

  await page.getByTestId("kds-barista").click();
  const dialog = page.getByTestId("kds-pin-dialog");
  // With one PIN holder the pad opens on them; otherwise names come first.
  const pinFor = dialog.getByText("Jo, your PIN");
  await expect(dialog.getByTestId("kds-pin-user-Jo").or(pinFor)).toBeVisible();
  if (!(await pinFor.isVisible())) await dialog.getByTestId("kds-pin-user-Jo").click();
  // A wrong PIN on the pad, then the right one from the keyboard.
  for (const digit of "1111") await dialog.getByTestId(`kds-pin-key-${digit}`).click();
  await dialog.getByTestId("kds-pin-submit").click();
  await expect(dialog.getByRole("alert")).toContainText("Wrong PIN");
  await expectAccessible(page, "/kds (PIN pad)");
  await dialog.getByTestId("kds-pin-input").pressSequentially("2468");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("kds-barista-name")).toHaveText("Jo");

  await page.getByTestId("staff-sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/kds");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fkds$/);
});
