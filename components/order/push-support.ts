// Which "Notify me on this phone" UI this browser gets, decided from what it can do, and
// the conversions the subscription needs. Pure, so it is tested without a browser
// (push-support.test.ts); readPushCapabilities is the only part that looks at `window`.

/** What the page knows about push here: the server's VAPID key (null = push off) and the browser's abilities. */
export type PushCapabilities = {
  serverKey: string | null;
  /** 'PushManager' in window and a service worker container. */
  pushManager: boolean;
  serviceWorker: boolean;
  /** iPhone/iPad Safari (iPadOS says it is a Mac, but has touch). */
  ios: boolean;
  /** Opened from the Home Screen (navigator.standalone or display-mode: standalone). */
  standalone: boolean;
};

/** "push": offer it; "ios-home-screen": explain that iOS only allows push for a Home Screen app; "none": say nothing. */
export type PushUi = "push" | "ios-home-screen" | "none";

export function pushUiFor(c: PushCapabilities): PushUi {
  if (!c.serverKey) return "none";
  if (c.pushManager && c.serviceWorker) return "push";
  return c.ios && !c.standalone ? "ios-home-screen" : "none";
}

export function readPushCapabilities(serverKey: string | null): PushCapabilities {
  if (typeof window === "undefined") return { serverKey, pushManager: false, serviceWorker: false, ios: false, standalone: false };
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    serverKey,
    pushManager: "PushManager" in window,
    serviceWorker: "serviceWorker" in navigator,
    ios: /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === "MacIntel" && nav.maxTouchPoints > 1),
    standalone: nav.standalone === true || (typeof matchMedia === "function" && matchMedia("(display-mode: standalone)").matches),
  };
}

/** The VAPID public key (base64url, as the server has it) as the bytes pushManager.subscribe wants. */
export function base64urlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type PushSource = "checkout" | "status-page";

/** The body of PUT /api/orders/[token]/push from a subscription's toJSON(): only the fields the route takes. */
export function pushSubscribeBody(subscription: PushSubscriptionJSON, source: PushSource) {
  return {
    subscription: {
      endpoint: subscription.endpoint ?? "",
      expirationTime: subscription.expirationTime ?? null,
      keys: { p256dh: subscription.keys?.p256dh ?? "", auth: subscription.keys?.auth ?? "" },
    },
    source,
  };
}

export const PUSH_BLOCKED_MESSAGE =
  "Notifications are blocked for this site; you can still keep this page open (it updates by itself), or allow notifications in your browser's settings and try again.";
export const PUSH_FAILED_MESSAGE = "We couldn't turn on notifications on this phone; you can still keep this page open (it updates by itself) or try again.";
export const IOS_HOME_SCREEN_MESSAGE =
  "On iPhone, add this page to your Home Screen (Share, then Add to Home Screen) and open it from there to get notifications.";
