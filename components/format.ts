// Display formatting shared by server and client components.

/** Prices are stored in minor units (cents); the menu does not carry a currency yet. */
const CURRENCY = "USD";
const LOCALE = "en-US";

const money = new Intl.NumberFormat(LOCALE, { style: "currency", currency: CURRENCY });

export const formatMoney = (cents: number) => money.format(cents / 100);

/** "+$0.50" for an option's price difference; empty for free options. */
export const formatDelta = (cents: number) => (cents === 0 ? "" : `${cents > 0 ? "+" : "−"}${money.format(Math.abs(cents) / 100)}`);

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
