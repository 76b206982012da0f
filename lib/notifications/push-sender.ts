import type { Agent } from "node:https";
import webpush from "web-push";
import { isAllowedPushEndpoint } from "./push-endpoint.ts";

/** A browser's subscription as stored (PushSubscription). */
export type StoredPushSubscription = { endpoint: string; p256dh: string; auth: string };

/** What the service worker shows (public/sw.js): url is the order's status page path. */
export type PushMessage = { title: string; body: string; url: string; tag: string };

export type PushSender = {
  send: (push: { subscription: StoredPushSubscription; message: PushMessage }) => Promise<{ providerId: string }>;
};

/** The push service answered 404 or 410: the browser dropped the subscription, and it will never work again. */
export class PushSubscriptionGoneError extends Error {
  constructor(public readonly statusCode: number) {
    super(`push subscription is gone (the push service answered ${statusCode})`);
    this.name = "PushSubscriptionGoneError";
  }
}

export type VapidSettings = { publicKey: string; privateKey: string; subject: string };

// A ready message is useless an hour later: the push service may drop it after that.
const PUSH_TTL_SECONDS = 60 * 60;

/**
 * Web Push with VAPID (RFC 8030, 8291, 8292) through the web-push package: the payload is
 * encrypted for the browser's keys, and the request is signed with the shop's VAPID key.
 * `agent` is for tests (a local push service's certificate).
 */
export function createWebPushSender(options: { vapid: VapidSettings; allowedHosts: readonly string[]; agent?: Agent; timeoutMs?: number }): PushSender {
  return {
    async send({ subscription, message }) {
      // Checked when stored too; checked again here because this is where the request is made.
      if (!isAllowedPushEndpoint(subscription.endpoint, options.allowedHosts)) {
        throw new Error("push endpoint is not on an allowed push service");
      }
      try {
        const result = await webpush.sendNotification(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          JSON.stringify(message),
          {
            vapidDetails: options.vapid,
            TTL: PUSH_TTL_SECONDS,
            urgency: "high",
            timeout: options.timeoutMs ?? 10_000,
            ...(options.agent ? { agent: options.agent } : {}),
          },
        );
        return { providerId: result.headers.location ?? `push:${result.statusCode}` };
      } catch (error) {
        if (!(error instanceof webpush.WebPushError)) throw error;
        if (error.statusCode === 404 || error.statusCode === 410) throw new PushSubscriptionGoneError(error.statusCode);
        // web-push's own message names no status: the Notification row's lastError should.
        const said = error.body.replace(/\s+/g, " ").trim().slice(0, 200);
        throw new Error(`push service answered ${error.statusCode}${said ? `: ${said}` : ""}`, { cause: error });
      }
    },
  };
}

/** The sender for the configured VAPID keys, or null when push is off (no keys). */
export function createPushSender(config: {
  VAPID_PUBLIC_KEY?: string | undefined;
  VAPID_PRIVATE_KEY?: string | undefined;
  VAPID_SUBJECT: string;
  PUSH_ENDPOINT_HOSTS: readonly string[];
}): PushSender | null {
  if (!config.VAPID_PUBLIC_KEY || !config.VAPID_PRIVATE_KEY) return null;
  return createWebPushSender({
    vapid: { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT },
    allowedHosts: config.PUSH_ENDPOINT_HOSTS,
  });
}
