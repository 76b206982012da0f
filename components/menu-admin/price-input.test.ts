import { describe, expect, it } from "vitest";
import { MAX_PRICE_CENTS } from "../../lib/menu-admin/price.ts";
import { moneyFormatFor } from "../../lib/money/money-format.ts";
import { examplePrice, parsePriceInput, priceDeltaInputError, priceInputError, priceInputText } from "./price-input.ts";

const usd = moneyFormatFor("USD", "en-US");
const eur = moneyFormatFor("EUR", "de-DE");
const jpy = moneyFormatFor("JPY", "ja-JP");
const kwd = moneyFormatFor("KWD", "en-US");
const arabic = moneyFormatFor("EGP", "ar-EG");

describe("parsePriceInput", () => {
  it("reads dollars with up to two decimals, with or without the symbol", () => {
    expect(parsePriceInput("4.20", usd)).toBe(420);
    expect(parsePriceInput("4.2", usd)).toBe(420);
    expect(parsePriceInput(" $4 ", usd)).toBe(400);
    expect(parsePriceInput("0,50", usd)).toBe(50);
    expect(parsePriceInput("0", usd)).toBe(0);
    expect(parsePriceInput("1000.00", usd)).toBe(MAX_PRICE_CENTS);
  });

  it("reads euros written the German way, symbol after", () => {
    expect(parsePriceInput("4,50", eur)).toBe(450);
    expect(parsePriceInput("4,50 €", eur)).toBe(450);
    expect(parsePriceInput("EUR 4.5", eur)).toBe(450);
  });

  it("reads yen as whole yen and refuses decimals", () => {
    expect(parsePriceInput("450", jpy)).toBe(450);
    expect(parsePriceInput(`${jpy.prefix}450`, jpy)).toBe(450);
    expect(parsePriceInput(String(MAX_PRICE_CENTS), jpy)).toBe(MAX_PRICE_CENTS);
    for (const bad of ["4.50", "450.0", "4,5", "1,000"]) expect(parsePriceInput(bad, jpy), bad).toBeNull();
  });

  it("reads three decimals where the currency has them, and the locale's own numerals", () => {
    expect(parsePriceInput("1.250", kwd)).toBe(1250);
    expect(parsePriceInput("1.25", kwd)).toBe(1250);
    expect(parsePriceInput("٤٫٥٠", arabic)).toBe(450);
    expect(parsePriceInput("4.50", arabic)).toBe(450);
  });

  it("refuses typos, fractions of the minor unit, grouping, negatives and prices over the limit", () => {
    for (const bad of ["", "abc", "4.205", "4..2", "-1", "1000.01", "4.2.0", "1e3", "4 20", "1,000.00", "£4.20"]) {
      expect(parsePriceInput(bad, usd), bad).toBeNull();
    }
    expect(parsePriceInput(String(MAX_PRICE_CENTS + 1), jpy)).toBeNull();
  });

  it("takes a negative option price only when asked, sign before or after the symbol", () => {
    expect(parsePriceInput("-0.50", usd, { allowNegative: true })).toBe(-50);
    expect(parsePriceInput("−1", usd, { allowNegative: true })).toBe(-100);
    expect(parsePriceInput("-$0.50", usd, { allowNegative: true })).toBe(-50);
    expect(parsePriceInput("-20", jpy, { allowNegative: true })).toBe(-20);
    expect(parsePriceInput("-0.50", usd)).toBeNull();
  });
});

describe("priceInputText", () => {
  it("writes the amount as the field shows it, in the currency's decimals and the locale's separator", () => {
    expect(priceInputText(420, usd)).toBe("4.20");
    expect(priceInputText(5, usd)).toBe("0.05");
    expect(priceInputText(-50, usd)).toBe("-0.50");
    expect(priceInputText(0, usd)).toBe("0.00");
    expect(priceInputText(450, eur)).toBe("4,50");
    expect(priceInputText(450, jpy)).toBe("450");
    expect(priceInputText(0, jpy)).toBe("0");
    expect(priceInputText(1250, kwd)).toBe("1.250");
  });

  it("round-trips every amount through the field", () => {
    for (const f of [usd, eur, jpy, kwd]) {
      for (const minor of [0, 1, 5, 50, 99, 420, 1005, MAX_PRICE_CENTS]) expect(parsePriceInput(priceInputText(minor, f), f), `${f.currency} ${minor}`).toBe(minor);
      expect(parsePriceInput(priceInputText(-50, f), f, { allowNegative: true })).toBe(-50);
    }
  });

  it("gives examples in the store's currency", () => {
    expect(examplePrice(usd)).toBe("4.20");
    expect(examplePrice(eur)).toBe("4,20");
    expect(examplePrice(jpy)).toBe("450");
    expect(priceInputError(usd)).toBe("Type a price such as 4.20 (0 to 1000.00)");
    expect(priceInputError(jpy)).toBe("Type a price such as 450 (0 to 100000)");
    expect(priceDeltaInputError(eur)).toBe("Type an amount such as 0,50 or -0,20");
    expect(priceDeltaInputError(jpy)).toBe("Type an amount such as 50 or -20");
  });
});
