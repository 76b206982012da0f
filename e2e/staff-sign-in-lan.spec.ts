import type { Page } from "@playwright/test";
import { lanBaseUrls } from "../lib/http/lan-addresses.ts";
import { expect, expectAccessible, test } from "./support/axe.ts";
import { query } from "./support/db.ts";
import { placeOrderViaApi, uniqueName } from "./support/shop.ts";
import { createStaffAccount, e2eStaff } from "./support/staff.ts";
import { E2E_BASE_URL, E2E_PORTS } from "./stack-env.ts";

// The café's own network: the launcher runs without PUBLIC_BASE_URL (e2e/stack-env.ts),
// so staff sign in through any of this machine's own addresses — 127.0.0.1 here, the
// LAN address on the kitchen tablet — and the kitchen's actions are accepted from there
// (better-auth's trustedOrigins and require-staff's cross-site check read one list).
// An address that is not the machine's own is refused, and the page says why.

test.use({ viewport: { width: 1280, height: 800 } });

const LOOPBACK = `http://127.0.0.1:${E2E_PORTS.web}`;
// Also loopback, so it reaches the server, but no address of this machine's interfaces
// nor a name the shop is known by: staff sign-in there is refused like a foreign Host.
const NOT_OURS = `http://127.0.0.2:${E2E_PORTS.web}`;

/** This machine's address on its network, as the launcher would print it for the tablet. */
function lanOrigin(): string {
  const [first] = lanBaseUrls(E2E_BASE_URL);
  if (!first) throw new Error("This machine has no non-loopback IPv4 address, so signing in over the LAN cannot be tested here (os.networkInterfaces() lists none).");
  return first;
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const addresses: [string, () => string][] = [
  ["127.0.0.1", () => LOOPBACK],
  ["the machine's LAN address", lanOrigin],
];

for (const [where, originOf] of addresses) {
  test(`a barista signs in at ${where}, lands on the kitchen display and starts a ticket`, async ({ page, request }) => {
    const origin = originOf();
    const name = uniqueName("Tablet");
    const order = await placeOrderViaApi(request, uniqueName("Lan"));
    const { email, oneTimePassword } = await createStaffAccount("barista", name);

    await page.goto(`${origin}/sign-in?next=/kds`);
    await expect(page.getByTestId("sign-in-form")).toBeVisible();
    await expect(page.getByTestId("origin-refused")).toHaveCount(0);
    // Both better-auth requests (sign-in, then the one-time password's change) come from this origin.
    await fillSignIn(page, email, oneTimePassword);
    await expect(page.getByTestId("change-password-notice")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("tablet-on-the-wifi-1");
    await page.getByLabel("New password again").fill("tablet-on-the-wifi-1");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page).toHaveURL(`${origin}/kds`);
    await expect(page.getByTestId("kds-barista-name")).toHaveText(name);

    // A state-changing kitchen route: require-staff's cross-site check accepts this origin.
    const card = page.getByTestId(`kds-ticket-${order.ticketNumber}`);
    await expect(card).toBeVisible({ timeout: 30_000 });
    await card.getByTestId("kds-start").click();
    await expect(card).toHaveAttribute("data-status", "IN_PROGRESS");
    const [row] = await query<{ status: string; claimedBy: string | null }>(
      `SELECT status::text AS status, "claimedBy" FROM "Order" WHERE "publicToken" = $1`,
      [order.token],
    );
    expect(row).toEqual({ status: "IN_PROGRESS", claimedBy: name });
  });
}

test("at an address that is not the machine's own, the sign-in page says why sign-in is refused and where to go", async ({ page }) => {
  const lan = lanOrigin();
  const staff = await e2eStaff("barista");

  await page.goto(`${NOT_OURS}/sign-in?next=/kds`);
  // Said by the server before anyone types a password.
  const notice = page.getByTestId("origin-refused");
  await expect(notice).toContainText(`Staff sign-in is not accepted at ${NOT_OURS}: this shop accepts it only at the addresses of the machine running Brewline.`);
  await expect(notice.getByRole("link", { name: `${LOOPBACK}/sign-in` })).toHaveAttribute("href", `${LOOPBACK}/sign-in`);
  await expect(notice.getByRole("link", { name: `${lan}/sign-in` })).toBeVisible();
  await expect(notice).toContainText(`ask whoever runs Brewline to set PUBLIC_BASE_URL=${NOT_OURS} and restart it.`);
  await expectAccessible(page, "/sign-in (refused address)");

  // Signing in anyway with the right password: better-auth refuses the origin (403), and
  // the form explains it rather than showing "Invalid origin".
  await fillSignIn(page, staff.email, staff.password);
  const alert = page.getByTestId("sign-in-error");
  await expect(alert).toContainText(`Staff sign-in is not accepted at ${NOT_OURS}`);
  await expect(alert).not.toContainText("Invalid origin");
  await expect(notice).toHaveCount(0);
  await expect(page).toHaveURL(`${NOT_OURS}/sign-in?next=/kds`);
  await page.goto(`${NOT_OURS}/kds`);
  await expect(page).toHaveURL(`${NOT_OURS}/sign-in?next=%2Fkds`);

  // The link it offers works.
  await page.goto(`${NOT_OURS}/sign-in`);
  await page.getByTestId("origin-refused").getByRole("link", { name: `${LOOPBACK}/sign-in` }).click();
  await expect(page).toHaveURL(`${LOOPBACK}/sign-in`);
  await expect(page.getByTestId("origin-refused")).toHaveCount(0);
});
