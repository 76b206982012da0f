import type { BrowserContext, Page } from "@playwright/test";
import { readKeptVapidKeys } from "../scripts/stack/vapid-keys.ts";
import { startPushServiceStandIn, type BrowserSubscription, type PushServiceStandIn } from "../tests/support/push-service-stand-in.ts";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./stack-env.ts";
import { expect, test } from "./support/axe.ts";
import { query } from "./support/db.ts";
import { addDrink, markReady, placeOrderViaApi, startOrder, uniqueName } from "./support/shop.ts";

// "Notify me on this phone" through the real shop: the checkout and the status page store
// the browser's subscription, the worker pushes "ready" to the local push service
// (tests/support/push-service-stand-in.ts, which checks the VAPID signature and decrypts
// the payload with the subscription's keys), and the shop's service worker shows it.

let standIn: PushServiceStandIn;

test.beforeAll(async () => {
  // The launcher made the shop's VAPID pair in its data folder; the stand-in checks pushes are signed with it.
  const keys = readKeptVapidKeys(E2E_DATA_DIR);
  if (!keys) throw new Error(`the e2e shop kept no VAPID keys in ${E2E_DATA_DIR}`);
  standIn = await startPushServiceStandIn({ vapidPublicKey: keys.publicKey });
});
test.afterAll(async () => {
  await standIn?.close();
});

/**
 * The one stand-in on the browser's side: headless Chromium's pushManager.subscribe() asks
 * Google's push service (FCM) for an endpoint, which cannot be reached here. So subscribe()
 * and getSubscription() hand out a subscription the local push service made (an endpoint on
 * it and the keys it decrypts for), as a real browser would hand out FCM's. Everything
 * else (the permission, the service worker, the shop's routes and worker) is real.
 */
async function fakeBrowserPush(context: BrowserContext, subscription: BrowserSubscription): Promise<void> {
  await context.grantPermissions(["notifications"], { origin: E2E_BASE_URL });
  await context.addInitScript((sub) => {
    const key = "e2e-push-subscribed";
    const fake = () => ({
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: null },
      getKey: () => null,
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => {
        localStorage.removeItem(key);
        return true;
      },
    });
    // Kept across pages (checkout → status page), as the browser keeps its subscription.
    PushManager.prototype.subscribe = async function subscribe() {
      localStorage.setItem(key, "1");
      return fake() as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function getSubscription() {
      return (localStorage.getItem(key) ? fake() : null) as unknown as PushSubscription | null;
    };
  }, subscription);
}

const tokenOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

async function orderIdOf(token: string): Promise<string> {
  const [row] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE "publicToken" = $1`, [token]);
  return row!.id;
}

const storedEndpoint = async (orderId: string) =>
  (await query<{ endpoint: string }>(`SELECT endpoint FROM "PushSubscription" WHERE "orderId" = $1`, [orderId]))[0]?.endpoint ?? null;

const consents = (orderId: string) =>
  query<{ action: string; source: string; recipient: string }>(
    `SELECT action::text AS action, source, recipient FROM "ConsentRecord" WHERE "orderId" = $1 AND channel = 'PUSH' ORDER BY at`,
    [orderId],
  );

test("push only at checkout: the ready order is one push, decrypted right, and the service worker shows it", async ({ page, context, request }) => {
  const { subscription } = standIn.newSubscription();
  await fakeBrowserPush(context, subscription);
  const name = uniqueName("Push");

  await page.goto("/");
  await addDrink(page, { item: "tea" });
  await page.getByLabel("Your name").fill(name);
  // No phone, no email: the text/email consent box stays unticked.
  await page.getByTestId("checkout-push").check();
  await page.getByTestId("place-order").click();
  // No ?push=blocked|failed: the subscription was stored.
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  const token = tokenOf(page);
  const orderId = await orderIdOf(token);
  await expect(page.getByTestId("push-unsubscribe")).toBeVisible();
  expect(await storedEndpoint(orderId)).toBe(subscription.endpoint);
  expect(await consents(orderId)).toEqual([{ action: "GRANTED", source: "checkout", recipient: subscription.endpoint }]);
  const ticket = (await page.getByTestId("ticket-number").innerText()).trim();

  await startOrder(request, token);
  await markReady(request, token);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect
    .poll(async () => query<{ channel: string; status: string }>(`SELECT channel::text AS channel, status::text AS status FROM "Notification" WHERE "orderId" = $1`, [orderId]), {
      timeout: 30_000,
    })
    .toEqual([{ channel: "PUSH", status: "SENT" }]);
  // Exactly one push, and nothing the push service had to refuse.
  const pushes = standIn.received(subscription.endpoint);
  expect(pushes).toHaveLength(1);
  expect(standIn.rejections()).toEqual([]);
  const push = pushes[0]!;
  expect(push.json).toEqual({
    title: `Your coffee is ready · #${ticket}`,
    body: expect.stringContaining(`order #${ticket} is ready for pickup`) as unknown as string,
    url: `/orders/${token}`,
    tag: `${orderId}:order.ready`,
  });

  // The service worker gets the same bytes a push service would deliver (CDP stands in for
  // the delivery, not for the worker) and shows the notification.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL.startsWith(E2E_BASE_URL) && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: E2E_BASE_URL, registrationId: await registrationId, data: push.text });
  await expect
    .poll(() =>
      page.evaluate(() =>
        navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.map((n) => ({ title: n.title, body: n.body, data: n.data as unknown }))),
      ),
    )
    .toEqual([{ title: `Your coffee is ready · #${ticket}`, body: (push.json as { body: string }).body, data: { url: `/orders/${token}` } }]);
  // Finished: no push buttons any more.
  await expect(page.getByTestId("push-notify")).toHaveCount(0);
});

test("the status page turns push on, then off: the subscription goes and the withdrawal is on record", async ({ page, context, request }) => {
  const { subscription } = standIn.newSubscription();
  await fakeBrowserPush(context, subscription);
  const { statusUrl, token } = await placeOrderViaApi(request, uniqueName("Push page"));
  const orderId = await orderIdOf(token);

  await page.goto(statusUrl);
  await page.getByTestId("push-subscribe").click();
  await expect(page.getByTestId("push-unsubscribe")).toBeVisible();
  expect(await storedEndpoint(orderId)).toBe(subscription.endpoint);

  await page.getByTestId("push-unsubscribe").click();
  await expect(page.getByTestId("push-subscribe")).toBeVisible();
  expect(await storedEndpoint(orderId)).toBeNull();
  expect(await consents(orderId)).toEqual([
    { action: "GRANTED", source: "status-page", recipient: subscription.endpoint },
    { action: "WITHDRAWN", source: "status-page", recipient: subscription.endpoint },
  ]);
});
