import { AppError, type ErrorCode } from "../errors.ts";
import { describeWhen, isOpenAt, openFrom, type OpeningHours } from "./opening-hours.ts";

// Whether the store takes orders right now, and what to tell the customer if not. Pure:
// the settings and the count of open orders are read by the caller.

export type StoreSettingsSnapshot = {
  acceptingOrders: boolean;
  /** null = no fixed hours. */
  openingHours: OpeningHours | null;
  pausedUntil: Date | null;
  maxOpenOrders: number | null;
  taxRateBasisPoints: number;
  /** The menu prices include the tax (VAT) rather than having it added at checkout (US sales tax). */
  pricesIncludeTax: boolean;
};

export type StoreStateName = "open" | "closed" | "paused" | "at-capacity";

export type StoreState = {
  state: StoreStateName;
  /** true only when the state is "open". */
  acceptingOrders: boolean;
  /** Customer-facing, a whole sentence or two. */
  message: string;
  /** When ordering should resume (ISO), if known. */
  reopensAt: string | null;
  taxRateBasisPoints: number;
  pricesIncludeTax: boolean;
};

/**
 * What the customer's page is told (GET /api/store, and the menu page as it renders):
 * the state, and how the store takes money, which comes from the configuration.
 */
export type CustomerStoreState = StoreState & {
  /** PAYMENTS=stripe: customers pay when they order. */
  onlinePayments: boolean;
  /** STORE_CURRENCY, the ISO 4217 code every amount is in. */
  currency: string;
};

export const OPEN_MESSAGE = "We're open and taking orders.";
export const AT_CAPACITY_MESSAGE = "We're at capacity right now — please try again in a few minutes.";

/**
 * openOrders is the number of placed, queued and in-progress orders, or null to leave
 * capacity out (the order path enforces it atomically when inserting instead).
 */
export function computeStoreState(options: {
  settings: StoreSettingsSnapshot;
  openOrders: number | null;
  now: Date;
  timeZone: string;
}): StoreState {
  const { settings, openOrders, now, timeZone } = options;
  const base = { taxRateBasisPoints: settings.taxRateBasisPoints, pricesIncludeTax: settings.pricesIncludeTax };
  if (!settings.acceptingOrders) {
    return { ...base, state: "closed", acceptingOrders: false, message: "We're closed right now.", reopensAt: null };
  }
  const paused = settings.pausedUntil !== null && settings.pausedUntil > now;
  const resumeFrom = paused ? settings.pausedUntil! : now;
  const reopens = openFrom(settings.openingHours, resumeFrom, timeZone);
  // Outside the hours it is "closed" even while a pause runs; a pause that outlasts
  // today's hours also reads as closed, with the next opening after it.
  if (!isOpenAt(settings.openingHours, now, timeZone) || reopens === null || reopens > resumeFrom) {
    const again = reopens ? ` We open again at ${describeWhen(reopens, now, timeZone)}.` : "";
    return { ...base, state: "closed", acceptingOrders: false, message: `We're closed right now.${again}`, reopensAt: reopens?.toISOString() ?? null };
  }
  if (paused) {
    const message = `We've paused online orders for a few minutes; back at ${describeWhen(reopens, now, timeZone)}.`;
    return { ...base, state: "paused", acceptingOrders: false, message, reopensAt: reopens.toISOString() };
  }
  if (openOrders !== null && settings.maxOpenOrders !== null && openOrders >= settings.maxOpenOrders) {
    return { ...base, state: "at-capacity", acceptingOrders: false, message: AT_CAPACITY_MESSAGE, reopensAt: null };
  }
  return { ...base, state: "open", acceptingOrders: true, message: OPEN_MESSAGE, reopensAt: null };
}

const errorCodes: Record<Exclude<StoreStateName, "open">, ErrorCode> = {
  closed: "STORE_CLOSED",
  paused: "STORE_PAUSED",
  "at-capacity": "AT_CAPACITY",
};

/** Why an order was refused, with the state's message; null when the store is open. */
export function storeRefusal(state: StoreState): AppError | null {
  if (state.state === "open") return null;
  return new AppError(errorCodes[state.state], state.message, { reopensAt: state.reopensAt });
}
