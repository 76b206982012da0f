// Prices as a manager types them ("4.2", "$4.20", "4") and as the database keeps them
// (whole cents). Parsing is strict: a typo must be refused, never rounded into a price.

export const MAX_PRICE_CENTS = 100_000;

const PRICE = /^\$?\s*(\d{1,6})(?:[.,](\d{1,2}))?$/;

/** Cents for a typed price, or null when it is not a price (or out of range). */
export function parsePriceCents(text: string, { allowNegative = false } = {}): number | null {
  let value = text.trim();
  let sign = 1;
  if (allowNegative && /^[-−]/.test(value)) {
    sign = -1;
    value = value.slice(1).trim();
  }
  const match = PRICE.exec(value);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  if (cents > MAX_PRICE_CENTS) return null;
  return sign * cents;
}

/** "4.20" for 420: the form's value, and the numbers in the audit log. */
export function centsToText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
