import { moneyFormatFor, type MoneyFormat } from "./money-format.ts";

let cached: MoneyFormat | undefined;

/**
 * The store's MoneyFormat on the server, from STORE_CURRENCY and STORE_LOCALE as the process
 * was started with (lib/config.ts validates both at startup; the defaults are the same).
 * For code that has no Config at hand: zod messages, audit lines, the pages' formatting.
 */
export function storeMoneyFromEnv(): MoneyFormat {
  cached ??= moneyFormatFor(process.env.STORE_CURRENCY?.trim().toUpperCase() || "USD", process.env.STORE_LOCALE?.trim() || "en-US");
  return cached;
}
