import type { CustomerStoreState, StoreStateName } from "../../lib/store/store-state.ts";
import { formatClock } from "../format.ts";

// Whether the cafe takes orders right now, as GET /api/store reports it. Parsed by hand
// (no zod in the browser bundle) and defensively: an older server without the endpoint,
// or a garbled answer, must never stop a customer from ordering — the server refuses
// an order it cannot take anyway, and that answer updates this state.

type StoreState = StoreStateName;

/**
 * What GET /api/store answers, except that the tax rate and the currency are null until
 * the server has told us (no tax line then). Not told, prices have the tax added and
 * payment is at pickup, as before the server said either.
 */
export type StoreStatus = Omit<CustomerStoreState, "taxRateBasisPoints" | "currency"> & { taxRateBasisPoints: number | null; currency: string | null };

export const ASSUME_OPEN: StoreStatus = {
  state: "open",
  acceptingOrders: true,
  message: "",
  reopensAt: null,
  taxRateBasisPoints: null,
  pricesIncludeTax: false,
  onlinePayments: false,
  currency: null,
};

const STATES: readonly StoreState[] = ["open", "closed", "paused", "at-capacity"];

export function parseStoreStatus(json: unknown): StoreStatus | null {
  if (!json || typeof json !== "object") return null;
  const s = json as Record<string, unknown>;
  if (!STATES.includes(s.state as StoreState)) return null;
  const state = s.state as StoreState;
  const rate = s.taxRateBasisPoints;
  return {
    state,
    acceptingOrders: typeof s.acceptingOrders === "boolean" ? s.acceptingOrders : state === "open",
    message: typeof s.message === "string" ? s.message : "",
    reopensAt: typeof s.reopensAt === "string" && !Number.isNaN(Date.parse(s.reopensAt)) ? s.reopensAt : null,
    taxRateBasisPoints: typeof rate === "number" && Number.isInteger(rate) && rate >= 0 && rate <= 10_000 ? rate : null,
    pricesIncludeTax: s.pricesIncludeTax === true,
    onlinePayments: s.onlinePayments === true,
    currency: typeof s.currency === "string" && /^[A-Z]{3}$/.test(s.currency) ? s.currency : null,
  };
}

const ERROR_STATES: Record<string, StoreState> = { STORE_CLOSED: "closed", STORE_PAUSED: "paused", AT_CAPACITY: "at-capacity" };

/** A refused order tells us the store state before the next /api/store poll would. */
export function storeFromOrderError(current: StoreStatus, code: string | undefined, message: string, reopensAt: unknown): StoreStatus | null {
  const state = code ? ERROR_STATES[code] : undefined;
  if (!state) return null;
  return {
    ...current,
    state,
    acceptingOrders: false,
    message,
    reopensAt: typeof reopensAt === "string" && !Number.isNaN(Date.parse(reopensAt)) ? reopensAt : null,
  };
}

export type Banner = { tone: "warn" | "danger"; title: string; detail: string };

/** What to tell the customer about a store that is not taking orders; null when it is. */
export function storeBanner(status: StoreStatus, timeZone?: string): Banner | null {
  if (status.acceptingOrders && status.state === "open") return null;
  const at = status.reopensAt ? formatClock(status.reopensAt, timeZone) : null;
  switch (status.state) {
    case "paused":
      return {
        tone: "warn",
        title: "We're catching up on orders",
        detail: status.message || (at ? `Online ordering resumes at ${at}.` : "Online ordering will resume shortly."),
      };
    case "at-capacity":
      return {
        tone: "warn",
        title: "We're at capacity",
        detail: status.message || "Lots of orders in the queue right now. Please try again in a few minutes.",
      };
    default:
      return {
        tone: "danger",
        title: "We're closed for online orders",
        detail: status.message || (at ? `We open again at ${at}.` : "Please check back later."),
      };
  }
}
