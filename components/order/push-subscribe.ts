"use client";

import { callApi } from "../api/api-client.ts";
import { base64urlToBytes, pushSubscribeBody, type PushSource } from "./push-support.ts";

// The browser's half of "Notify me on this phone": the permission prompt and the push
// subscription (which must start from the customer's tap), then the order's push route.

export type BrowserPushResult = { ok: true; subscription: PushSubscriptionJSON } | { ok: false; reason: "blocked" | "failed" };

/**
 * The service worker's registration. It is registered on load in production only
 * (components/pwa/register-service-worker.tsx); push needs one anywhere, so it is
 * registered here if it is not yet.
 */
async function registration(): Promise<ServiceWorkerRegistration> {
  if (!(await navigator.serviceWorker.getRegistration())) await navigator.serviceWorker.register("/sw.js");
  // `ready` waits for ever if the worker cannot install: the order must not wait with it.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the service worker did not start")), SERVICE_WORKER_WAIT_MS);
    void navigator.serviceWorker.ready.then((ready) => {
      clearTimeout(timer);
      resolve(ready);
    });
  });
}

const SERVICE_WORKER_WAIT_MS = 10_000;

/** This browser's current push subscription, or null (none, or no service worker yet). Never asks anything. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  try {
    const existing = await navigator.serviceWorker.getRegistration();
    return (await existing?.pushManager.getSubscription()) ?? null;
  } catch {
    return null;
  }
}

/** Asks for permission and subscribes this browser. Call it straight from the tap: browsers only prompt from a user gesture. */
export async function subscribeThisBrowser(serverKey: string): Promise<BrowserPushResult> {
  try {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return { ok: false, reason: "blocked" };
    const { pushManager } = await registration();
    const options: PushSubscriptionOptionsInit = { userVisibleOnly: true, applicationServerKey: base64urlToBytes(serverKey) };
    let subscription: PushSubscription;
    try {
      subscription = await pushManager.subscribe(options);
    } catch (error) {
      // Subscribed earlier with another key (the shop's keys changed): that one cannot be reused.
      const old = await pushManager.getSubscription();
      if (!old) throw error;
      await old.unsubscribe();
      subscription = await pushManager.subscribe(options);
    }
    return { ok: true, subscription: subscription.toJSON() };
  } catch {
    return { ok: false, reason: "failed" };
  }
}

const pushPath = (token: string) => `/api/orders/${encodeURIComponent(token)}/push`;

/** Stores the subscription with the order; the failure's sentence when it was refused or not sent. */
export async function saveOrderPush(token: string, subscription: PushSubscriptionJSON, source: PushSource): Promise<string | null> {
  const result = await callApi(pushPath(token), { method: "PUT", body: pushSubscribeBody(subscription, source) });
  return result.ok ? null : result.message;
}

/** Turns the order's push off; the failure's sentence, or null. */
export async function deleteOrderPush(token: string): Promise<string | null> {
  const result = await callApi(pushPath(token), { method: "DELETE" });
  return result.ok ? null : result.message;
}
