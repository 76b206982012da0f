import { MAX_PRICE_CENTS } from "../../lib/menu-admin/price.ts";
import { minorUnitsToDecimal, type MoneyFormat } from "../../lib/money/money-format.ts";

// A price as a manager types it in the store's currency and as the database keeps it
// (whole minor units): "4.20" or "4,20" for dollars and euros, "450" for yen, which has
// no decimals. Parsing is strict: a typo is refused, never rounded into a price.

type InputFormat = Pick<MoneyFormat, "currency" | "digits" | "prefix" | "suffix" | "decimal" | "numerals">;

/** Typed digits in the locale's own numerals (Arabic-Indic, say) read as 0–9. */
function latinDigits(text: string, f: InputFormat): string {
  const numerals = f.numerals;
  if (!numerals) return text;
  return text.replace(/./gu, (c) => {
    const digit = numerals.indexOf(c);
    return digit >= 0 ? String(digit) : c;
  });
}

/** Drops the currency's symbol or code before or after the number ("$4.20", "4,20 €", "JPY 450"). */
function withoutCurrency(text: string, f: InputFormat): string {
  let value = text.trim();
  for (const mark of [f.prefix.trim(), f.suffix.trim(), f.currency]) {
    if (!mark) continue;
    if (value.startsWith(mark)) value = value.slice(mark.length).trim();
    if (value.endsWith(mark)) value = value.slice(0, -mark.length).trim();
  }
  return value;
}

/** Minor units for a typed price, or null when it is not one in this currency (or beyond the menu's limit). */
export function parsePriceInput(text: string, f: InputFormat, { allowNegative = false } = {}): number | null {
  let value = withoutCurrency(latinDigits(text, f), f);
  let sign = 1;
  if (allowNegative && /^[-−]/.test(value)) {
    sign = -1;
    value = withoutCurrency(value.slice(1), f);
  }
  // No grouping separators: in one locale "1.000" is a thousand, in another one.
  const separators = `.,${f.decimal}`.replace(/[\\\]^-]/g, "\\$&");
  const match = f.digits === 0 ? /^(\d{1,9})$/.exec(value) : new RegExp(`^(\\d{1,9})(?:[${separators}](\\d{1,${f.digits}}))?$`, "u").exec(value);
  if (!match) return null;
  const minor = Number(match[1]) * 10 ** f.digits + Number((match[2] ?? "").padEnd(f.digits, "0") || "0");
  if (minor > MAX_PRICE_CENTS) return null;
  return sign * minor;
}

/** The field's text for an amount: "4.20" ("4,20" where the locale writes a comma), "-0.50", "450". */
export const priceInputText = (minor: number, f: InputFormat): string => minorUnitsToDecimal(minor, f.digits).replace(".", f.decimal);

/** A typical price in this currency for hints and errors: "4.20", "4,20", "450". */
export const examplePrice = (f: InputFormat): string => priceInputText(f.digits === 0 ? 450 : 42 * 10 ** (f.digits - 1), f);

/** "Type a price such as 4.20 (0 to 1000.00)": what to say when parsePriceInput refuses a price. */
export const priceInputError = (f: InputFormat): string => `Type a price such as ${examplePrice(f)} (0 to ${priceInputText(MAX_PRICE_CENTS, f)})`;

/** The same for an option's price difference, which may be negative. */
export const priceDeltaInputError = (f: InputFormat): string => `Type an amount such as ${priceInputText(f.digits === 0 ? 50 : 5 * 10 ** (f.digits - 1), f)} or -${priceInputText(f.digits === 0 ? 20 : 2 * 10 ** (f.digits - 1), f)}`;
