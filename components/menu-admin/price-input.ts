import { MAX_PRICE_CENTS } from "../../lib/menu-admin/price.ts";
import { minorUnitsToDecimal } from "../../lib/money/money-format.ts";
import { parseMoneyInput, type MoneyInputFormat } from "../../lib/money/parse-money-input.ts";

// A price as a manager types it in the store's currency and as the database keeps it
// (whole minor units): "4.20" or "4,20" for dollars and euros, "450" for yen, which has
// no decimals. Parsing is strict: a typo is refused, never rounded into a price.

type InputFormat = MoneyInputFormat;

/** Minor units for a typed price, or null when it is not one in this currency (or beyond the menu's limit). */
export const parsePriceInput = (text: string, f: InputFormat, { allowNegative = false } = {}): number | null =>
  parseMoneyInput(text, f, { allowNegative, max: MAX_PRICE_CENTS });

/** The field's text for an amount: "4.20" ("4,20" where the locale writes a comma), "-0.50", "450". */
export const priceInputText = (minor: number, f: InputFormat): string => minorUnitsToDecimal(minor, f.digits).replace(".", f.decimal);

/** A typical price in this currency for hints and errors: "4.20", "4,20", "450". */
export const examplePrice = (f: InputFormat): string => priceInputText(f.digits === 0 ? 450 : 42 * 10 ** (f.digits - 1), f);

/** "Type a price such as 4.20 (0 to 1000.00)": what to say when parsePriceInput refuses a price. */
export const priceInputError = (f: InputFormat): string => `Type a price such as ${examplePrice(f)} (0 to ${priceInputText(MAX_PRICE_CENTS, f)})`;

/** The same for an option's price difference, which may be negative. */
export const priceDeltaInputError = (f: InputFormat): string => `Type an amount such as ${priceInputText(f.digits === 0 ? 50 : 5 * 10 ** (f.digits - 1), f)} or -${priceInputText(f.digits === 0 ? 20 : 2 * 10 ** (f.digits - 1), f)}`;
