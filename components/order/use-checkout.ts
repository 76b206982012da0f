"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { OFFLINE_RETRY_SAFE_MESSAGE } from "../api/error-messages.ts";
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
import type { CartLine } from "./menu-math.ts";
import { storeFromOrderError, type StoreStatus } from "./store-status.ts";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

const failureOf = (message: string, fields: CheckoutFailure["fields"] = {}): CheckoutFailure => ({
  code: undefined,
  message,
  fields,
  lines: new Map(),
  reopensAt: null,
});

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
}) {
  const router = useRouter();
  const keyFor = useRef(createKeyKeeper());
  const inFlight = useRef(false);
  // Read once: were storage blocked, a fresh id per attempt would change the body and
  // with it the idempotency key.
  const device = useRef<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<CheckoutFailure | null>(null);

  async function submit(details: CheckoutDetails) {
    if (inFlight.current || options.lines.length === 0) return;
    const invalid = validateDetails(details);
    if (Object.keys(invalid).length > 0) {
      setFailure(failureOf("Please check the highlighted details", invalid));
      return;
    }
    device.current ??= deviceId(storage(), newIdempotencyKey);
    const body = orderRequestBody(options.lines, details, device.current);
    const idempotencyKey = keyFor.current(body);
    inFlight.current = true;
    setSubmitting(true);
    setFailure(null);
    try {
      const result = await callApi<OrderResponse | null>("/api/orders", { method: "POST", body: { ...body, idempotencyKey } });
      const data = result.ok ? result.data : null;
      if (data?.statusUrl) {
        const token = tokenFromStatusUrl(data.statusUrl);
        if (token) rememberOrder(storage(), { token, ticketNumber: data.ticketNumber, totalCents: data.totalCents, placedAt: new Date().toISOString() });
        saveCart(storage(), []);
        // Stay in the submitting state until the status page replaces this one.
        router.push(data.statusUrl);
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
      setFailure(refused);
    } catch {
      setFailure(failureOf(OFFLINE_RETRY_SAFE_MESSAGE));
    }
    inFlight.current = false;
    setSubmitting(false);
  }

  return { submit, submitting, failure, clearFailure: () => setFailure(null) };
}
