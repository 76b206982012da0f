// Display formatting shared by server and client components.

import { formatMinorUnits, moneyFormatFor, type MoneyFormat } from "../lib/money/money-format.ts";
import { storeMoneyFromEnv } from "../lib/money/store-money.ts";

/** The root layout writes the store's MoneyFormat into this meta tag for the browser. */
export const MONEY_META_NAME = "brewline-money";

let current: MoneyFormat | undefined;

/**
 * The store's MoneyFormat (STORE_CURRENCY, STORE_LOCALE). On the server it is worked out
 * from the environment (validated at startup by lib/config.ts); in the browser it is read
 * from the meta tag the root layout rendered, so no Intl currency formatter is built there.
 */
export function storeMoney(): MoneyFormat {
  if (current) return current;
  if (typeof document === "undefined") return storeMoneyFromEnv();
  const meta = document.querySelector(`meta[name="${MONEY_META_NAME}"]`)?.getAttribute("content");
  current = meta ? (JSON.parse(meta) as MoneyFormat) : moneyFormatFor("USD", "en-US");
  return current;
}

/** Minor units of the store's currency, written the store's way: "$4.50", "4,50 €", "￥450". */
export function formatMoney(minor: number): string {
  return formatMinorUnits(minor, storeMoney());
}

/** "+$0.50" for an option's price difference; empty for free options. */
export const formatDelta = (minor: number) => (minor === 0 ? "" : `${minor > 0 ? "+" : "−"}${formatMoney(Math.abs(minor))}`);

export function formatClock(iso: string, timeZone?: string) {
  return new Intl.DateTimeFormat(storeMoney().locale, { hour: "numeric", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** "42s", "7 min", "1 h 05" — compact ages for tickets and heartbeats. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`;
}
