// Prices are integers in the minor units of the store's currency (STORE_CURRENCY): cents,
// or yen for JPY, which has none. A MoneyFormat is how STORE_LOCALE writes that currency,
// worked out once with Intl (on the server) and then applied by plain string assembly:
// building a currency Intl.NumberFormat in the browser loads ICU's currency data, 15–20 ms
// of main thread on the customer's phone (issue 15), so the browser gets the descriptor.

export type MoneyFormat = {
  currency: string;
  locale: string;
  /** Digits after the decimal separator: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
  digits: number;
  /** Text before and after the number, e.g. "$" and "", or "" and " €" (no-break space). */
  prefix: string;
  suffix: string;
  decimal: string;
  group: string;
  /** The locale's ten digits when they are not 0–9 (Arabic-Indic for ar-KW, say). */
  numerals?: string;
};

const SAMPLE = 1234567.891;

/** How `locale` writes amounts of `currency` (throws RangeError for an unknown currency or locale). */
export function moneyFormatFor(currency: string, locale: string): MoneyFormat {
  const intl = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = intl.resolvedOptions().maximumFractionDigits ?? 2;
  const parts = intl.formatToParts(SAMPLE);
  const firstNumber = parts.findIndex((p) => p.type === "integer");
  const lastNumber = parts.findLastIndex((p) => p.type === "integer" || p.type === "fraction" || p.type === "decimal");
  const ten = [..."0123456789"].map((d) => new Intl.NumberFormat(locale).format(Number(d))).join("");
  return {
    currency,
    locale,
    digits,
    ...(ten === "0123456789" ? {} : { numerals: ten }),
    prefix: parts.slice(0, firstNumber).map((p) => p.value).join(""),
    suffix: parts.slice(lastNumber + 1).map((p) => p.value).join(""),
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? "",
  };
}

/** The configured store's format (STORE_CURRENCY, STORE_LOCALE). */
export const storeMoneyFormat = (config: { STORE_CURRENCY: string; STORE_LOCALE: string }): MoneyFormat =>
  moneyFormatFor(config.STORE_CURRENCY, config.STORE_LOCALE);

/** An amount in minor units written as the store writes it: "$4.50", "4,50 €", "￥450". */
export function formatMinorUnits(minor: number, f: MoneyFormat): string {
  if (!Number.isSafeInteger(minor)) return `${f.prefix}${String(minor)}${f.suffix}`;
  const sign = minor < 0 ? "-" : "";
  const { whole, fraction } = splitMinor(Math.abs(minor), f.digits);
  // Groups of three: the locales whose grouping differs (en-IN's lakh) are not handled.
  const grouped = f.group ? whole.replace(/\B(?=(\d{3})+$)/g, f.group) : whole;
  const number = `${grouped}${fraction ? f.decimal + fraction : ""}`;
  const localized = f.numerals ? number.replace(/[0-9]/g, (d) => f.numerals![Number(d)]!) : number;
  return `${sign}${f.prefix}${localized}${f.suffix}`;
}

/** "4.50", "450": the amount in major units with a dot, for CSV files and payment providers' displays. */
export function minorUnitsToDecimal(minor: number, digits: number): string {
  const sign = minor < 0 ? "-" : "";
  const { whole, fraction } = splitMinor(Math.abs(minor), digits);
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

function splitMinor(abs: number, digits: number): { whole: string; fraction: string } {
  if (digits === 0) return { whole: String(abs), fraction: "" };
  const text = String(abs).padStart(digits + 1, "0");
  return { whole: text.slice(0, -digits), fraction: text.slice(-digits) };
}

/** An order's amounts and the currency they are in, as receipts, checkouts and reports select them. */
export const ORDER_AMOUNTS_SELECT = { currency: true, subtotalCents: true, taxCents: true, taxIncluded: true, tipCents: true, totalCents: true } as const;
