import type { MoneyFormat } from "./money-format.ts";

// An amount as a person types it in the store's currency, read as whole minor units: "4.20"
// or "4,20" for dollars and euros, "450" for yen (no decimals), with or without the currency's
// symbol or code, in the locale's own digits. Strict: a typo is refused, never rounded.

export type MoneyInputFormat = Pick<MoneyFormat, "currency" | "digits" | "prefix" | "suffix" | "decimal" | "numerals">;

/** Typed digits in the locale's own numerals (Arabic-Indic, say) read as 0–9. */
function latinDigits(text: string, f: MoneyInputFormat): string {
  const numerals = f.numerals;
  if (!numerals) return text;
  return text.replace(/./gu, (c) => {
    const digit = numerals.indexOf(c);
    return digit >= 0 ? String(digit) : c;
  });
}

/** Drops the currency's symbol or code before or after the number ("$4.20", "4,20 €", "JPY 450"). */
function withoutCurrency(text: string, f: MoneyInputFormat): string {
  let value = text.trim();
  for (const mark of [f.prefix.trim(), f.suffix.trim(), f.currency]) {
    if (!mark) continue;
    if (value.startsWith(mark)) value = value.slice(mark.length).trim();
    if (value.endsWith(mark)) value = value.slice(0, -mark.length).trim();
  }
  return value;
}

/** Minor units for a typed amount, or null when it is not one in this currency (or above `max`). */
export function parseMoneyInput(text: string, f: MoneyInputFormat, options: { allowNegative?: boolean; max?: number } = {}): number | null {
  let value = withoutCurrency(latinDigits(text, f), f);
  let sign = 1;
  if (options.allowNegative && /^[-−]/.test(value)) {
    sign = -1;
    value = withoutCurrency(value.slice(1), f);
  }
  // No grouping separators: in one locale "1.000" is a thousand, in another one. "1." (on
  // its way to "1.50") reads as 1.
  const separators = `.,${f.decimal}`.replace(/[\\\]^-]/g, "\\$&");
  const match = f.digits === 0 ? /^(\d{1,9})$/.exec(value) : new RegExp(`^(\\d{0,9})(?:[${separators}](\\d{0,${f.digits}}))?$`, "u").exec(value);
  if (!match || !/\d/.test(value)) return null;
  const minor = Number(match[1] || "0") * 10 ** f.digits + Number((match[2] ?? "").padEnd(f.digits, "0") || "0");
  if (options.max !== undefined && minor > options.max) return null;
  return sign * minor;
}
