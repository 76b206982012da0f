"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { OFFLINE_RETRY_SAFE_MESSAGE } from "../api/error-messages.ts";
import { storeMoney } from "../format.ts";
import { deviceId, rememberOrder, tokenFromStatusUrl } from "../my-orders/order-history.ts";
import { saveCart } from "./cart-storage.ts";
import {
  checkoutFailure,
  createKeyKeeper,
  newIdempotencyKey,
  orderRequestBody,
  validateDetails,
  type ApiError,
  type CheckoutDetails,
  type CheckoutFailure,
  type OrderResponse,
} from "./checkout.ts";
import { cartTotalCents, type CartLine } from "./menu-math.ts";
import type { SlotOffer } from "../../lib/schedule/list-pickup-slots.ts";
import { parseSlotOffers } from "./pickup-slots.ts";
import { saveOrderPush, subscribeThisBrowser, type BrowserPushResult } from "./push-subscribe.ts";
import { storeFromOrderError, type StoreStatus } from "./store-status.ts";
import { DEFAULT_TIP, resolveTip, type PaymentChoice, type ResolvedTip, type TipSelection } from "./tip-math.ts";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

const failureOf = (message: string, fields: CheckoutFailure["fields"] = {}): CheckoutFailure => ({
  code: undefined,
  message,
  fields,
  lines: new Map(),
  reopensAt: null,
});

/** The checkout form's payment section: how to pay and the tip (the cart's totals show what it comes to). */
export type PaymentPanel = {
  method: PaymentChoice;
  setMethod: (method: PaymentChoice) => void;
  tip: TipSelection;
  setTip: (tip: TipSelection) => void;
  /** The menu prices of the cart: the base of the percentage tips. */
  subtotal: number;
  resolvedTip: ResolvedTip;
};

/** Stores a checkout's push subscription with the placed order; what went wrong for the status page to say, or null. */
async function storePush(token: string, pushed: BrowserPushResult): Promise<"blocked" | "failed" | null> {
  if (!pushed.ok) return pushed.reason;
  return (await saveOrderPush(token, pushed.subscription, "checkout")) === null ? null : "failed";
}

/**
 * Sends the order. One request at a time (a double tap is ignored before React has
 * re-rendered the disabled button), and every retry of the same order carries the same
 * idempotency key, so a lost response can never make two orders.
 */
export function useCheckout(options: {
  lines: CartLine[];
  store: StoreStatus;
  setStore: (store: StoreStatus) => void;
  refreshMenu: () => Promise<void>;
  /** The chosen pickup slot's start (ISO), null for as soon as possible. */
  pickupAt?: string | null;
  /** The slot was refused (409 SLOT_UNAVAILABLE): the next free ones the server offers. */
  onSlotUnavailable?: (nextSlots: SlotOffer[]) => void;
  /** The shop's VAPID public key (null = push off): "Notify me on this phone" subscribes with it. */
  pushKey?: string | null;
}) {
  const router = useRouter();
  const keyFor = useRef(createKeyKeeper());
  const inFlight = useRef(false);
  // Read once: were storage blocked, a fresh id per attempt would change the body and
  // with it the idempotency key.
  const device = useRef<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<CheckoutFailure | null>(null);
  // Paying online is the default wherever the store offers it.
  const [method, setMethod] = useState<PaymentChoice>("online");
  const [tip, setTip] = useState<TipSelection>(DEFAULT_TIP);

  // Back from the payment page through the browser's history: this page comes back as it
  // was left (submitting); the order exists, and the same key finds it again.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      inFlight.current = false;
      setSubmitting(false);
    };
    window.addEventListener("pageshow", restored);
    return () => window.removeEventListener("pageshow", restored);
  }, []);

  const subtotal = cartTotalCents(options.lines);
  const resolvedTip = resolveTip(tip, subtotal, storeMoney());
  // A store that takes payment at pickup only: the form stays as it always was.
  const payment: PaymentPanel | null = options.store.onlinePayments
    ? {
        method,
        setMethod: (next) => {
          setMethod(next);
          setFailure(null);
        },
        tip,
        setTip: (next) => {
          setTip(next);
          setFailure((current) => (current?.fields.tip ? null : current));
        },
        subtotal,
        resolvedTip,
      }
    : null;

  async function submit(entered: CheckoutDetails) {
    if (inFlight.current || options.lines.length === 0) return;
    const invalid = validateDetails(entered);
    if (payment?.method === "online" && resolvedTip.problem) invalid.tip = resolvedTip.problem;
    if (Object.keys(invalid).length > 0) {
      setFailure(failureOf("Please check the highlighted details", invalid));
      return;
    }
    const details: CheckoutDetails = {
      ...entered,
      ...(payment ? { payment: payment.method, ...(resolvedTip.choice ? { tip: resolvedTip.choice } : {}) } : {}),
      ...(options.pickupAt ? { pickupAt: options.pickupAt } : {}),
    };
    device.current ??= deviceId(storage(), newIdempotencyKey);
    const body = orderRequestBody(options.lines, details, device.current);
    const idempotencyKey = keyFor.current(body);
    inFlight.current = true;
    setSubmitting(true);
    setFailure(null);
    try {
      // Before the order, while the tap still counts as the customer's gesture (browsers
      // prompt only then). A refusal does not stop the order: the status page says so.
      const pushed = entered.push && options.pushKey ? await subscribeThisBrowser(options.pushKey) : null;
      const result = await callApi<OrderResponse | null>("/api/orders", { method: "POST", body: { ...body, idempotencyKey } });
      const data = result.ok ? result.data : null;
      if (data?.statusUrl) {
        const token = tokenFromStatusUrl(data.statusUrl);
        if (token) rememberOrder(storage(), { token, ticketNumber: data.ticketNumber, totalCents: data.totalCents, placedAt: new Date().toISOString() });
        saveCart(storage(), []);
        const pushProblem = token && pushed ? await storePush(token, pushed) : null;
        // Stay in the submitting state until the payment page or the status page replaces
        // this one. Without a payment page (the provider could not be reached) the status
        // page offers "Pay now".
        if (typeof data.checkoutUrl === "string" && data.checkoutUrl) window.location.assign(data.checkoutUrl);
        else router.push(pushProblem ? `${data.statusUrl}?push=${pushProblem}` : data.statusUrl);
        return;
      }
      // No answer, or a success whose body was cut off (the connection dropped
      // mid-answer): the order may exist, so say "try again" like a network error; the
      // same key makes it safe.
      if (result.ok || result.kind !== "refused") throw new Error("no whole answer to the order");
      const refused = checkoutFailure(result.status, result.body as ApiError | null, result.retryAfterSeconds);
      const closed = storeFromOrderError(options.store, refused.code, refused.message, refused.reopensAt);
      if (closed) options.setStore(closed);
      // Something sold out since the menu was loaded: fetch it so the cart flags the line.
      if (refused.code === "CONFLICT") void options.refreshMenu();
      // The slot filled (or was paused) meanwhile: the cart stays, the next free slot is proposed.
      if (refused.code === "SLOT_UNAVAILABLE") options.onSlotUnavailable?.(parseSlotOffers((result.body as ApiError | null)?.error?.details?.nextSlots));
      setFailure(refused);
    } catch {
      setFailure(failureOf(OFFLINE_RETRY_SAFE_MESSAGE));
    }
    inFlight.current = false;
    setSubmitting(false);
  }

  return {
    submit,
    submitting,
    failure,
    clearFailure: () => setFailure(null),
    /** The payment section, or null when the store takes payment at pickup only. */
    payment,
    /** The tip the order would carry (0 at pickup): for the cart's totals. */
    tipCents: payment?.method === "online" ? resolvedTip.amount : 0,
  };
}
