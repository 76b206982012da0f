import { StandInError, newId, nowSeconds, type Param } from "./http.ts";

// The Stripe objects the stand-in keeps, and the API operations on them, with the shapes
// and refusals of Stripe's API reference (checkout sessions, payment intents, refunds).

export type LineItem = { name: string; quantity: number; unitAmount: number };

export type StandInSession = {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  success_url: string;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  customer_details: { email: string | null } | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  url: string | null;
};

type PaymentIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  created: number;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  status: "succeeded" | "requires_payment_method";
};

type Refund = {
  id: string;
  object: "refund";
  amount: number;
  charge: string | null;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: "succeeded";
};

export type RefundRecord = { id: string; paymentIntent: string; amount: number; idempotencyKey: string | null };

export type Resources = {
  sessions: Map<string, StandInSession>;
  lineItems: Map<string, LineItem[]>;
  intentMetadata: Map<string, Record<string, string>>;
  paymentIntents: Map<string, PaymentIntent>;
  refunds: Refund[];
  refundLog: RefundRecord[];
  /** Set by failRefunds: the card error code the next refunds answer with. */
  failRefundsCode: string | null;
};

export const newResources = (): Resources => ({
  sessions: new Map(),
  lineItems: new Map(),
  intentMetadata: new Map(),
  paymentIntents: new Map(),
  refunds: [],
  refundLog: [],
  failRefundsCode: null,
});

export type Params = Record<string, Param>;

const CHECKOUT_PARAMS = new Set(["mode", "line_items", "client_reference_id", "metadata", "customer_email", "success_url", "cancel_url", "expires_at", "payment_intent_data", "payment_method_types", "locale", "expand"]);

export function createSession(r: Resources, params: Params, base: string): StandInSession {
  for (const name of Object.keys(params)) if (!CHECKOUT_PARAMS.has(name)) throw invalid(`Received unknown parameter: ${name}`, "parameter_unknown", name);
  if (params.mode !== "payment") throw invalid("The stand-in supports mode=payment only.", "parameter_invalid_string", "mode");
  const items = lineItemsOf(params.line_items);
  const currencies = new Set(items.map((i) => i.currency));
  if (currencies.size !== 1) throw invalid("All line items must have the same currency.", "parameter_invalid_string", "line_items");
  const successUrl = urlParam(params, "success_url", true)!;
  const cancelUrl = urlParam(params, "cancel_url", false);
  const created = nowSeconds();
  const expiresAt = params.expires_at === undefined ? created + 24 * 3600 : intParam(params.expires_at, "expires_at");
  // Stripe's bounds, less a few seconds for the clocks of two machines.
  if (expiresAt < created + 30 * 60 - 10) throw invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "parameter_invalid_integer", "expires_at");
  if (expiresAt > created + 24 * 3600 + 10) throw invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "parameter_invalid_integer", "expires_at");
  const total = items.reduce((sum, i) => sum + i.unitAmount * i.quantity, 0);
  const id = newId("cs_test_");
  const session: StandInSession = {
    id,
    object: "checkout.session",
    amount_subtotal: total,
    amount_total: total,
    cancel_url: cancelUrl,
    success_url: successUrl,
    client_reference_id: stringParam(params, "client_reference_id"),
    created,
    currency: [...currencies][0]!,
    customer_email: stringParam(params, "customer_email"),
    customer_details: null,
    expires_at: expiresAt,
    livemode: false,
    locale: stringParam(params, "locale"),
    metadata: metadataOf(params.metadata, "metadata"),
    mode: "payment",
    payment_intent: null,
    payment_method_types: ["card"],
    payment_status: "unpaid",
    status: "open",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    url: `${base}/pay/${id}`,
  };
  const intentData = params.payment_intent_data;
  r.sessions.set(id, session);
  r.lineItems.set(id, items);
  r.intentMetadata.set(id, metadataOf(typeof intentData === "object" && !Array.isArray(intentData) ? intentData.metadata : undefined, "payment_intent_data[metadata]"));
  return session;
}

export function sessionOf(r: Resources, id: string): StandInSession {
  const session = r.sessions.get(id);
  if (!session) throw new StandInError(404, "invalid_request_error", `No such checkout.session: '${id}'`, "resource_missing", "session");
  return session;
}

/** The session as GET answers it, with `expand[]=payment_intent` honoured. */
export function sessionView(r: Resources, session: StandInSession, expand: Param | undefined): unknown {
  const fields = Array.isArray(expand) ? expand : expand === undefined ? [] : [expand];
  if (fields.includes("payment_intent") && session.payment_intent) return { ...session, payment_intent: r.paymentIntents.get(session.payment_intent) };
  return session;
}

/** Pressing Pay: the session completes with a succeeded PaymentIntent. Not open → StandInError. */
export function completeSession(r: Resources, id: string): StandInSession {
  const session = sessionOf(r, id);
  if (session.status !== "open") throw invalid(`This Checkout Session is ${session.status}.`, "checkout_session_not_open");
  const intent = succeededIntent(session.amount_total, session.currency, r.intentMetadata.get(id) ?? {});
  r.paymentIntents.set(intent.id, intent);
  Object.assign(session, {
    status: "complete",
    payment_status: "paid",
    payment_intent: intent.id,
    url: null,
    customer_details: { email: session.customer_email },
  } satisfies Partial<StandInSession>);
  return session;
}

export function expireSession(r: Resources, id: string): StandInSession {
  const session = sessionOf(r, id);
  if (session.status !== "open") throw invalid('Only Checkout Sessions with a status in ["open"] can be expired.', "checkout_session_not_open");
  Object.assign(session, { status: "expired", url: null } satisfies Partial<StandInSession>);
  return session;
}

/** POST /v1/payment_intents, for scripts/verify-stripe.ts run against the stand-in: confirm with a test card. */
export function createPaymentIntent(r: Resources, params: Params): PaymentIntent {
  const amount = intParam(params.amount, "amount", 1);
  const currency = stringParam(params, "currency")?.toLowerCase();
  if (!currency) throw invalid("Missing required param: currency.", "parameter_missing", "currency");
  const intent = succeededIntent(amount, currency, metadataOf(params.metadata, "metadata"));
  if (!(params.confirm === "true" && params.payment_method === "pm_card_visa")) Object.assign(intent, { status: "requires_payment_method", amount_received: 0, latest_charge: null });
  r.paymentIntents.set(intent.id, intent);
  return intent;
}

export function createRefund(r: Resources, params: Params, idempotencyKey: string | null): Refund {
  const intentId = stringParam(params, "payment_intent");
  if (!intentId) throw invalid("One of the following params should be provided for this request: payment_intent or charge.", "parameter_missing", "payment_intent");
  const intent = r.paymentIntents.get(intentId);
  if (!intent) throw invalid(`No such payment_intent: '${intentId}'`, "resource_missing", "payment_intent");
  if (intent.status !== "succeeded") throw invalid(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, "charge_not_refundable", "payment_intent");
  if (r.failRefundsCode) throw new StandInError(402, "card_error", `The refund was declined (${r.failRefundsCode}).`, r.failRefundsCode);
  const remaining = intent.amount_received - r.refunds.filter((f) => f.payment_intent === intentId).reduce((sum, f) => sum + f.amount, 0);
  if (remaining <= 0) throw invalid(`Charge ${intent.latest_charge} has already been refunded.`, "charge_already_refunded");
  const amount = params.amount === undefined ? remaining : intParam(params.amount, "amount", 1);
  if (amount > remaining) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, "amount_too_large", "amount");
  const refund: Refund = {
    id: newId("re_"),
    object: "refund",
    amount,
    charge: intent.latest_charge,
    created: nowSeconds(),
    currency: intent.currency,
    metadata: metadataOf(params.metadata, "metadata"),
    payment_intent: intentId,
    reason: stringParam(params, "reason"),
    status: "succeeded",
  };
  r.refunds.push(refund);
  r.refundLog.push({ id: refund.id, paymentIntent: intentId, amount, idempotencyKey });
  return refund;
}

export function listRefunds(r: Resources, params: Params) {
  const intent = stringParam(params, "payment_intent");
  const data = r.refunds.filter((f) => !intent || f.payment_intent === intent).toReversed();
  return { object: "list", data, has_more: false, url: "/v1/refunds" };
}

function succeededIntent(amount: number, currency: string, metadata: Record<string, string>): PaymentIntent {
  return { id: newId("pi_"), object: "payment_intent", amount, amount_received: amount, currency, created: nowSeconds(), latest_charge: newId("ch_"), livemode: false, metadata, status: "succeeded" };
}

function lineItemsOf(value: Param | undefined): (LineItem & { currency: string })[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid("Missing required param: line_items.", "parameter_missing", "line_items");
  return value.map((item, i) => {
    const at = `line_items[${i}]`;
    const price = typeof item === "object" && !Array.isArray(item) ? item.price_data : undefined;
    if (!price || typeof price !== "object" || Array.isArray(price)) throw invalid(`Missing required param: ${at}[price_data].`, "parameter_missing", `${at}[price_data]`);
    const product = price.product_data;
    const name = typeof product === "object" && !Array.isArray(product) ? product.name : undefined;
    if (typeof name !== "string" || !name) throw invalid(`Missing required param: ${at}[price_data][product_data][name].`, "parameter_missing", `${at}[price_data][product_data][name]`);
    if (typeof price.currency !== "string" || !/^[a-z]{3}$/i.test(price.currency)) throw invalid(`Invalid currency: ${String(price.currency)}`, "parameter_invalid_string", `${at}[price_data][currency]`);
    const quantity = intParam((item as Params).quantity, `${at}[quantity]`, 1);
    const unitAmount = intParam(price.unit_amount, `${at}[price_data][unit_amount]`, 0);
    return { name, quantity, unitAmount, currency: price.currency.toLowerCase() };
  });
}

function intParam(value: Param | undefined, name: string, min = 0): number {
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${String(value)}`, "parameter_invalid_integer", name);
  const n = Number(value);
  if (n < min) throw invalid(`This value must be greater than or equal to ${min}.`, "parameter_invalid_integer", name);
  return n;
}

function stringParam(params: Params, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === "") return null;
  if (typeof value !== "string") throw invalid(`Invalid string: ${name}`, "parameter_invalid_string", name);
  return value;
}

function urlParam(params: Params, name: string, required: boolean): string | null {
  const value = stringParam(params, name);
  if (value === null && required) throw invalid(`Missing required param: ${name}.`, "parameter_missing", name);
  if (value !== null && !URL.canParse(value)) throw invalid("Not a valid URL", "url_invalid", name);
  return value;
}

function metadataOf(value: Param | undefined, name: string): Record<string, string> {
  if (value === undefined || value === "") return {};
  if (typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) throw invalid("Invalid metadata: must be a hash of strings", "parameter_invalid_string", name);
  return value as Record<string, string>;
}

const invalid = (message: string, code?: string, param?: string) => new StandInError(400, "invalid_request_error", message, code, param);
