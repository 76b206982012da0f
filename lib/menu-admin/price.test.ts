import { describe, expect, it } from "vitest";
import { centsToText, MAX_PRICE_CENTS, parsePriceCents } from "./price.ts";

describe("parsePriceCents", () => {
  it("reads the ways a manager types a price", () => {
    expect(parsePriceCents("4.20")).toBe(420);
    expect(parsePriceCents("4.2")).toBe(420);
    expect(parsePriceCents(" $4 ")).toBe(400);
    expect(parsePriceCents("0")).toBe(0);
    expect(parsePriceCents("0,50")).toBe(50);
    expect(parsePriceCents("1000.00")).toBe(MAX_PRICE_CENTS);
  });

  it("refuses typos, fractions of a cent, negatives and prices over the limit", () => {
    for (const bad of ["", "abc", "4.205", "4..2", "-1", "1000.01", "4.2.0", "1e3", "4 20"]) {
      expect(parsePriceCents(bad), bad).toBeNull();
    }
  });

  it("takes a negative option price only when asked", () => {
    expect(parsePriceCents("-0.50", { allowNegative: true })).toBe(-50);
    expect(parsePriceCents("−1", { allowNegative: true })).toBe(-100);
    expect(parsePriceCents("-0.50")).toBeNull();
  });
});

describe("centsToText", () => {
  it("writes two decimals", () => {
    expect(centsToText(420)).toBe("4.20");
    expect(centsToText(5)).toBe("0.05");
    expect(centsToText(-50)).toBe("-0.50");
    expect(centsToText(0)).toBe("0.00");
  });
});
