import { expect, expectAccessible, test } from "./support/axe.ts";
import { placeOrderViaApi, uniqueName } from "./support/shop.ts";
import { E2E_PORTS } from "./stack-env.ts";

// A network that holds as many live connections as the server allows per address: the
// status page is refused (429, Retry-After), says so with a countdown, keeps its last
// state, and connects when the server said it could.

test.use({ viewport: { width: 360, height: 780 } });

// 127.0.0.1 rather than localhost: the browser and this runner must be one address.
const ORIGIN = `http://127.0.0.1:${E2E_PORTS.web}`;
const PER_ADDRESS = Number(process.env.STREAM_LIMIT_PER_ADDRESS || 40);

const secondsIn = (text: string | null) => Number(/in (\d+) s/.exec(text ?? "")?.[1]);

test("a network over its live-connection cap is told so on screen, and the page connects when the server said", async ({ page, request }) => {
  const { token } = await placeOrderViaApi(request, uniqueName("Capped"));
  const held: AbortController[] = [];
  const banner = page.getByTestId("reconnecting");
  try {
    // Other phones on the same network hold every stream it may have.
    for (let i = 0; i < PER_ADDRESS; i++) {
      const abort = new AbortController();
      held.push(abort);
      expect((await fetch(`${ORIGIN}/api/menu/events`, { signal: abort.signal })).status).toBe(200);
    }

    await page.goto(`${ORIGIN}/orders/${token}`);
    await expect(page.getByTestId("ticket-number")).toBeVisible();
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute("data-refused", "too-many");
    await expect(banner).toContainText(/Too many live connections from this network — trying again in \d+ s\./);
    await expectAccessible(page, "/orders/[token] (refused)");
    const first = secondsIn(await banner.textContent());
    expect(first).toBeGreaterThanOrEqual(25);
    expect(first).toBeLessThanOrEqual(33);
    await expect.poll(async () => secondsIn(await banner.textContent())).toBeLessThan(first);
  } finally {
    for (const abort of held) abort.abort();
  }
  // Not before the Retry-After (30 s and a little jitter), but then without a reload.
  await expect(banner).toHaveCount(0, { timeout: 45_000 });
  await expect(page.getByTestId("order-status")).toBeVisible();
});
