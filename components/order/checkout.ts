import { retryAfterSeconds } from "../api/api-client.ts";
import { failureMessage, isBusyStatus, waitText } from "../api/error-messages.ts";
import type { TipChoice } from "../../lib/orders/order-totals.ts";
import type { CartLine } from "./menu-math.ts";
import type { PaymentChoice } from "./tip-math.ts";

// The checkout request, kept apart from the React component so the retry rules can be
// tested: one idempotency key per distinct order, reused for every retry of it.

export type CheckoutDetails = {
  customerName: string;
  phone: string;
  email: string;
  notifyConsent?: boolean;
  /** "Notify me on this phone": a push subscription made before the order is placed, stored with it after (never part of the order's body). */
  push?: boolean;
  /** Only when the store takes payments online; the server's default is at pickup. */
  payment?: PaymentChoice;
  /** Only with payment "online". */
  tip?: TipChoice;
  /** The chosen pickup slot's start (ISO); absent for as soon as possible. */
  pickupAt?: string;
};

const hasContact = (details: CheckoutDetails) => details.phone.trim() !== "" || details.email.trim() !== "";

export function orderRequestBody(lines: CartLine[], details: CheckoutDetails, deviceId?: string) {
  return {
    customerName: details.customerName.trim(),
    ...(details.phone.trim() ? { phone: details.phone.trim() } : {}),
    ...(details.email.trim() ? { email: details.email.trim() } : {}),
    // Only meaningful with a contact; the server requires it to be true then.
    ...(hasContact(details) ? { notifyConsent: details.notifyConsent === true } : {}),
    ...(deviceId ? { deviceId } : {}),
    ...(details.payment ? { payment: details.payment } : {}),
    ...(details.payment === "online" && details.tip ? { tip: details.tip } : {}),
    ...(details.pickupAt ? { pickupAt: details.pickupAt } : {}),
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

export type OrderResponse = {
  ticketNumber: number;
  subtotalCents?: number;
  taxCents?: number;
  totalCents: number;
  status: string;
  statusUrl: string;
  /** The pickup slot's start (ISO), null for as soon as possible; absent from an older server. */
  pickupAt?: string | null;
  /** The payment provider's page for an order paid online; null when it could not be opened (the status page offers "Pay now"). */
  checkoutUrl?: string | null;
};
export type ApiIssue = { path?: unknown; message?: unknown };
export type ApiError = {
  error?: { code?: string; message?: string; details?: { line?: number; issues?: ApiIssue[]; field?: string; reopensAt?: string | null; nextSlots?: unknown } };
};

/**
 * Turns a refused order into words for the customer: the shared messages
 * (components/api/error-messages.ts), except that an outage without a message says
 * what the server itself says then (UNAVAILABLE_MESSAGE in lib/http/handle-route.ts).
 */
export function errorMessage(status: number, body: ApiError | null): string {
  const message = body?.error?.message || undefined;
  if (!message && isBusyStatus(status) && status !== 429) return "We can't take orders for a moment, please try again";
  return failureMessage(status, message, null);
}

/** Fields of the checkout form that can carry their own error message. */
export type CheckoutField = "customerName" | "phone" | "email" | "notifyConsent" | "tip";
export type FieldErrors = Partial<Record<CheckoutField, string>>;

const FIELDS: readonly CheckoutField[] = ["customerName", "phone", "email", "notifyConsent", "tip"];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "items[0].note", ["items", 0, "note"] → "items.0.note": one spelling to match on. */
function pathKey(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join(".");
  return typeof path === "string" ? path.replace(/\[(\d+)\]/g, ".$1") : "";
}

export type ParsedIssues = { fields: FieldErrors; lines: Map<number, string> };

/** The server's validation issues, sorted onto the form fields and the cart lines they are about. */
export function parseIssues(issues: ApiIssue[] | undefined): ParsedIssues {
  const fields: FieldErrors = {};
  const lines = new Map<number, string>();
  for (const issue of issues ?? []) {
    if (typeof issue?.message !== "string") continue;
    const key = pathKey(issue.path);
    // "tip.amount" is about the tip field as a whole, and reads as "the tip" next to it.
    const field = FIELDS.find((f) => key === f || key.startsWith(`${f}.`));
    const line = /^items\.(\d+)/.exec(key);
    if (field) fields[field] ??= capitalise(issue.message.replace(/^tip\.(amount|percent)\b/, "the tip"));
    else if (line && !lines.has(Number(line[1]))) lines.set(Number(line[1]), capitalise(issue.message));
  }
  return { fields, lines };
}

// Loose on purpose: the server normalises local and international numbers to E.164 and
// has the final word; this only catches what cannot be a phone number or an address.
const PHONE_CHARS = /^\+?[\d\s().-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems the customer can fix before anything is sent. */
export function validateDetails(details: CheckoutDetails): FieldErrors {
  const errors: FieldErrors = {};
  if (!details.customerName.trim()) errors.customerName = "Please tell us your name so we can call it out";
  const phone = details.phone.trim();
  const digits = phone.replace(/\D/g, "").length;
  if (phone && (!PHONE_CHARS.test(phone) || digits < 7 || digits > 15)) {
    errors.phone = "That doesn't look like a phone number. Please check it: we text mobile numbers only.";
  }
  if (details.email.trim() && !EMAIL.test(details.email.trim())) errors.email = "That doesn't look like an email address, e.g. ada@example.com";
  if (hasContact(details) && !details.notifyConsent) errors.notifyConsent = "Tick the box so we may message you, or leave the phone and email empty";
  return errors;
}

export type CheckoutFailure = {
  code: string | undefined;
  message: string;
  fields: FieldErrors;
  lines: Map<number, string>;
  reopensAt: unknown;
};

/**
 * Everything the form needs from a refused order: a summary, field errors, the cart
 * lines at fault. `retryAfter`: the Retry-After header, or its seconds as the API client
 * read them.
 */
export function checkoutFailure(status: number, body: ApiError | null, retryAfter: string | number | null): CheckoutFailure {
  const code = body?.error?.code;
  const { fields, lines } = parseIssues(body?.error?.details?.issues);
  // A refusal about one field as a whole (a tip without paying online, say) names it.
  const field = FIELDS.find((f) => f === body?.error?.details?.field);
  if (field && body?.error?.message) fields[field] ??= capitalise(body.error.message);
  const line = body?.error?.details?.line;
  if (typeof line === "number" && !lines.has(line)) lines.set(line, errorMessage(status, body));
  let message = errorMessage(status, body);
  if (code === "RATE_LIMITED" || status === 429) {
    const wait = typeof retryAfter === "number" ? retryAfter : retryAfterSeconds(retryAfter);
    message = wait ? `Too many orders from here just now. Please try again in ${waitText(wait)}.` : "Too many orders from here just now. Please try again in a minute.";
  } else if (code === "AT_CAPACITY" && !body?.error?.message) {
    message = "We're at capacity, try again in a few minutes";
  } else if (Object.keys(fields).length > 0 && code === "VALIDATION") {
    message = "Please check the highlighted details";
  }
  return { code, message, fields, lines, reopensAt: body?.error?.details?.reopensAt };
}
