"use client";

import { useRef, useState } from "react";
import type { WalkUpPaymentMethod } from "../../app/api/kds/walk-up/schema.ts";
import { callApi } from "../api/api-client.ts";
import { OFFLINE_RETRY_SAFE_MESSAGE } from "../api/error-messages.ts";
import { checkoutFailure, createKeyKeeper, orderRequestBody, validateDetails, type ApiError, type CheckoutDetails, type CheckoutFailure } from "../order/checkout.ts";
import type { CartLine } from "../order/menu-math.ts";

export type WalkUpPlaced = { ticketNumber: number; totalCents: number; statusUrl: string; paymentMethod: WalkUpPaymentMethod };

/** The customer checkout's failure, and what is wrong with the "Paid by" choice. */
export type WalkUpFailure = CheckoutFailure & { paymentMethod?: string };

const PAYMENT_MISSING_MESSAGE = "Choose how the customer paid: cash, card at the till, or not paid yet";

const failureOf = (message: string, fields: CheckoutFailure["fields"] = {}): WalkUpFailure => ({ code: undefined, message, fields, lines: new Map(), reopensAt: null });

/**
 * Sends a counter order. The request is the customer checkout's (same body, same
 * checks), with one idempotency key per order: a retry after a lost answer reuses it,
 * so the customer cannot get two tickets, and the next order starts with a new one, so
 * two customers asking for the same drink under the same name still get two.
 */
export function useWalkUp() {
  const keyFor = useRef(createKeyKeeper());
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<WalkUpFailure | null>(null);
  const [placed, setPlaced] = useState<WalkUpPlaced | null>(null);

  /** paymentMethod is null until the barista has chosen: there is deliberately no default. */
  async function submit(lines: CartLine[], details: CheckoutDetails, paymentMethod: WalkUpPaymentMethod | null) {
    if (inFlight.current) return;
    if (lines.length === 0) {
      setFailure(failureOf("Add at least one item first"));
      return;
    }
    const invalid = validateDetails(details);
    if (invalid.customerName) invalid.customerName = "Enter the customer's name, to call it out";
    if (invalid.notifyConsent) invalid.notifyConsent = "Ask the customer, and tick the box if they agree; or leave phone and email empty";
    if (Object.keys(invalid).length > 0 || paymentMethod === null) {
      setFailure({ ...failureOf("Please check the highlighted details", invalid), ...(paymentMethod === null ? { paymentMethod: PAYMENT_MISSING_MESSAGE } : {}) });
      return;
    }
    const body = { ...orderRequestBody(lines, details), paymentMethod };
    const idempotencyKey = keyFor.current(body);
    inFlight.current = true;
    setSending(true);
    setFailure(null);
    const result = await callApi<Omit<WalkUpPlaced, "paymentMethod">>("/api/kds/walk-up", { method: "POST", body: { ...body, idempotencyKey } });
    inFlight.current = false;
    setSending(false);
    if (result.ok && typeof result.data?.ticketNumber === "number") {
      setPlaced({ ...result.data, paymentMethod });
      keyFor.current = createKeyKeeper();
    } else if (result.ok) {
      setFailure(failureOf("The server's answer made no sense. Check the board before trying again."));
    } else if (result.kind === "refused") {
      setFailure(checkoutFailure(result.status, result.body as ApiError | null, result.retryAfterSeconds));
    } else {
      // No answer, or one cut off: the ticket may exist, and a retry with the same key is safe.
      setFailure(failureOf(OFFLINE_RETRY_SAFE_MESSAGE));
    }
  }

  return {
    submit,
    sending,
    failure,
    placed,
    clearFailure: () => setFailure(null),
    reset: () => {
      setPlaced(null);
      setFailure(null);
    },
  };
}
