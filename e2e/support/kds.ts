import { expect, type Page } from "@playwright/test";

// The kitchen display asks "Who's on this screen?" on first use (there are no staff
// accounts yet); the name goes with Start and shows on the ticket.

export async function identifyBarista(page: Page, name = "Sam"): Promise<void> {
  const dialog = page.getByTestId("kds-barista-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Your name").fill(name);
  await dialog.getByTestId("kds-barista-save").click();
  await expect(dialog).toBeHidden();
}
