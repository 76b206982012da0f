import type { CartLine } from "./menu-math.ts";

// The checkout request, kept apart from the React component so the retry rules can be
// tested: one idempotency key per distinct order, reused for every retry of it.

export type CheckoutDetails = { customerName: string; phone: string; email: string };

export function orderRequestBody(lines: CartLine[], details: CheckoutDetails) {
  return {
    customerName: details.customerName.trim(),
    ...(details.phone.trim() ? { phone: details.phone.trim() } : {}),
    ...(details.email.trim() ? { email: details.email.trim() } : {}),
    items: lines.map((l) => ({
      menuItemId: l.menuItemId,
      quantity: l.quantity,
      modifierIds: l.modifierIds,
      ...(l.note ? { note: l.note } : {}),
    })),
  };
}

/** crypto.randomUUID needs a secure context; a phone testing over http://192.168.x.x has none. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Hands out the key for a checkout attempt. The same order (same body) keeps its key,
 * so a double click or a retry after a lost response cannot create a second order; a
 * changed order gets a new key, since the server would otherwise answer with the
 * first one.
 */
export function createKeyKeeper(generate: () => string = newIdempotencyKey) {
  let current: { fingerprint: string; key: string } | undefined;
  return (body: unknown): string => {
    const fingerprint = JSON.stringify(body);
    if (current?.fingerprint !== fingerprint) current = { fingerprint, key: generate() };
    return current.key;
  };
}

export type OrderResponse = { ticketNumber: number; totalCents: number; status: string; statusUrl: string };
export type ApiError = { error?: { code?: string; message?: string; details?: { line?: number } } };

export const NETWORK_ERROR = "We couldn't reach the cafe. Check your connection and try again — you won't be charged twice.";

/** Turns a failed response into words for the customer. */
export function errorMessage(status: number, body: ApiError | null): string {
  const message = body?.error?.message;
  if (message) return message.charAt(0).toUpperCase() + message.slice(1);
  if (status === 503 || status === 502 || status === 504) return "We can't take orders for a moment, please try again";
  return `Something went wrong (${status}). Please try again.`;
}
