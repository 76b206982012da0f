// The orders placed from this device, newest first, so "My orders" can find them again
// without an account. Only the secret status token and what the customer already saw
// are kept: no name, phone or email.

export const HISTORY_STORAGE_KEY = "brewline.orders.v1";
export const DEVICE_ID_KEY = "brewline.device.v1";
export const MAX_HISTORY = 20;
/** Tickets restart every day, and a week-old order is of no use to anyone at the counter. */
const HISTORY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export type PastOrder = { token: string; ticketNumber: number; totalCents: number; placedAt: string };

type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

/** "/orders/abc" or "https://shop/orders/abc?x" → "abc"; null when the URL is not a status page. */
export function tokenFromStatusUrl(statusUrl: string): string | null {
  try {
    const match = /\/orders\/([A-Za-z0-9_-]{16,64})$/.exec(new URL(statusUrl, "http://local").pathname);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

function isPastOrder(v: unknown): v is PastOrder {
  if (!v || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof o.token === "string" && typeof o.ticketNumber === "number" && typeof o.totalCents === "number" && typeof o.placedAt === "string";
}

export function parseHistory(json: string | null, now: number): PastOrder[] {
  try {
    const saved: unknown = JSON.parse(json ?? "[]");
    if (!Array.isArray(saved)) return [];
    return saved
      .filter(isPastOrder)
      .filter((o) => now - Date.parse(o.placedAt) < HISTORY_MAX_AGE_MS)
      .slice(0, MAX_HISTORY);
  } catch {
    return [];
  }
}

/** Adds an order at the front; the same token twice (a retried checkout) is kept once. */
export function withOrder(history: PastOrder[], order: PastOrder): PastOrder[] {
  return [order, ...history.filter((o) => o.token !== order.token)].slice(0, MAX_HISTORY);
}

export function loadHistory(storage: KeyValueStore | undefined, now = Date.now()): PastOrder[] {
  try {
    return parseHistory(storage?.getItem(HISTORY_STORAGE_KEY) ?? null, now);
  } catch {
    return [];
  }
}

export function rememberOrder(storage: KeyValueStore | undefined, order: PastOrder, now = Date.now()): void {
  try {
    storage?.setItem(HISTORY_STORAGE_KEY, JSON.stringify(withOrder(loadHistory(storage, now), order)));
  } catch {
    // Storage blocked: the customer still has the status page open.
  }
}

/**
 * A random id for this browser, sent with orders so the server can rate-limit per device
 * rather than per shared cafe Wi-Fi address. Not a tracker: it is never shown or linked
 * to a person.
 */
export function deviceId(storage: KeyValueStore | undefined, generate: () => string): string | undefined {
  try {
    const existing = storage?.getItem(DEVICE_ID_KEY);
    if (existing && /^[A-Za-z0-9_-]{16,100}$/.test(existing)) return existing;
    const id = generate();
    storage?.setItem(DEVICE_ID_KEY, id);
    return id;
  } catch {
    return undefined;
  }
}
