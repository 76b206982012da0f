import { describe, expect, it } from "vitest";
import { moneyFormatFor } from "./money-format.ts";
import { parseMoneyInput } from "./parse-money-input.ts";

const USD = moneyFormatFor("USD", "en-US");
const EUR = moneyFormatFor("EUR", "de-DE");
const JPY = moneyFormatFor("JPY", "ja-JP");

describe("parseMoneyInput", () => {
  it("reads a typed amount in the store's currency as minor units", () => {
    expect(parseMoneyInput("1.50", USD)).toBe(150);
    expect(parseMoneyInput(" 2 ", USD)).toBe(200);
    expect(parseMoneyInput("0.5", USD)).toBe(50);
    expect(parseMoneyInput(".75", USD)).toBe(75);
    expect(parseMoneyInput("1.", USD)).toBe(100);
    expect(parseMoneyInput("$1", USD)).toBe(100);
    expect(parseMoneyInput("1,50", EUR)).toBe(150);
    expect(parseMoneyInput("1,50 €", EUR)).toBe(150);
    expect(parseMoneyInput("1.5", EUR)).toBe(150);
    expect(parseMoneyInput("150", JPY)).toBe(150);
    expect(parseMoneyInput("￥150", JPY)).toBe(150);
  });

  it("refuses what is not an amount in this currency", () => {
    // Yen has no decimals; cents have two.
    expect(parseMoneyInput("1.5", JPY)).toBeNull();
    expect(parseMoneyInput("1.505", USD)).toBeNull();
    for (const junk of ["", ".", "abc", "-1", "1e3", "1.2.3", "1,000.00"]) expect(parseMoneyInput(junk, USD), junk).toBeNull();
    expect(parseMoneyInput("1000.01", USD, { max: 100_000 })).toBeNull();
    expect(parseMoneyInput("1000", USD, { max: 100_000 })).toBe(100_000);
  });

  it("takes a sign only when asked", () => {
    expect(parseMoneyInput("-0.50", USD, { allowNegative: true })).toBe(-50);
    expect(parseMoneyInput("−1", USD, { allowNegative: true })).toBe(-100);
    expect(parseMoneyInput("-0.50", USD)).toBeNull();
  });
});
