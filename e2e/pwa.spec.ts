import { expect, test } from "./support/axe.ts";

// Installable, and friendly without a network: the manifest and its icons are served,
// and once the service worker is in, a page that cannot be reached shows the offline
// page instead of the browser's error.

test("the web app manifest and its icons are served", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as { display: string; start_url: string; icons: { src: string; purpose?: string }[] };
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/");
  expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});

test("offline, a navigation shows the offline page", async ({ page, context }) => {
  await page.goto("/my-orders");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load is not controlled yet; a reload is.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  try {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});
