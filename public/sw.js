// Brewline service worker: when a page cannot be reached (no network in the queue, a
// train tunnel), show a friendly offline page instead of the browser's error. Nothing
// else is cached: menus, prices and order status must always be live. It also shows the
// shop's push notifications ("your order is ready") and opens the order on a tap.

const CACHE = "brewline-offline-v1";
const OFFLINE_URL = "/offline.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(OFFLINE_URL, { cache: "reload" })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.mode !== "navigate") return;
  event.respondWith(
    fetch(event.request).catch(async () => (await caches.match(OFFLINE_URL)) || Response.error()),
  );
});

// A push from the shop (lib/notifications/push-sender.ts): JSON { title, body, url, tag },
// url being the order's status page. One tag per order and event, so a redelivered push
// replaces its notification rather than adding a second.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  const url = typeof message.url === "string" && message.url.startsWith("/") ? message.url : "/my-orders";
  event.waitUntil(
    self.registration.showNotification(typeof message.title === "string" ? message.title : "Brewline", {
      body: typeof message.body === "string" ? message.body : "",
      tag: typeof message.tag === "string" ? message.tag : undefined,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url },
    }),
  );
});

// A tap on a notification brings the customer back: to the order's status page when the
// push named one (a window already on it is focused), otherwise to any open window, or
// to their orders.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = event.notification.data && typeof event.notification.data.url === "string" ? event.notification.data.url : null;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      if (!target) {
        const open = windows[0];
        return open ? open.focus() : self.clients.openWindow("/my-orders");
      }
      const url = new URL(target, self.location.origin).href;
      const same = windows.find((w) => w.url === url);
      if (same) return same.focus();
      const other = windows.find((w) => "navigate" in w);
      // navigate() works on this worker's own pages only; anything else gets a new window.
      if (other) return other.navigate(url).then((w) => (w || other).focus()).catch(() => self.clients.openWindow(url));
      return self.clients.openWindow(url);
    }),
  );
});
