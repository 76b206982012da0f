// Display formatting shared by server and client components.

/** Prices are stored in minor units (cents); the menu does not carry a currency yet. */
const CURRENCY = "USD";
const LOCALE = "en-US";

// Whole cents (every price the pages show) are written out by hand, as en-US dollars:
// building a currency Intl.NumberFormat loads ICU's currency data, 15–20 ms of main
// thread measured here, and that landed in the longest task of the customer's pages on a
// phone (issue 15). Anything else (fractions, NaN, amounts so large that cents / 100
// loses precision) goes to Intl, created on first use. format.test.ts checks that both
// write the same text; a change of CURRENCY or LOCALE must change the hand-written path.
let money: Intl.NumberFormat | undefined;

export function formatMoney(cents: number): string {
  if (!Number.isInteger(cents) || Math.abs(cents) >= 1e12) {
    money ??= new Intl.NumberFormat(LOCALE, { style: "currency", currency: CURRENCY });
    return money.format(cents / 100);
  }
  // Intl writes -0 as "-$0.00" too.
  const sign = cents < 0 || Object.is(cents, -0) ? "-" : "";
  const abs = Math.abs(cents);
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ",");
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, "0")}`;
}

/** "+$0.50" for an option's price difference; empty for free options. */
export const formatDelta = (cents: number) => (cents === 0 ? "" : `${cents > 0 ? "+" : "−"}${formatMoney(Math.abs(cents))}`);

export function formatClock(iso: string, timeZone?: string) {
  return new Intl.DateTimeFormat(LOCALE, { hour: "numeric", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** "42s", "7 min", "1 h 05" — compact ages for tickets and heartbeats. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`;
}
