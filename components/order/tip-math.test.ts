import { describe, expect, it } from "vitest";
import { moneyFormatFor } from "../../lib/money/money-format.ts";
import { exampleAmount, resolveTip, tipPresets } from "./tip-math.ts";

const USD = moneyFormatFor("USD", "en-US");
const EUR = moneyFormatFor("EUR", "de-DE");
const JPY = moneyFormatFor("JPY", "ja-JP");

describe("tip math", () => {
  it("shows on each button the tip the server will charge: a share of the menu prices, rounded half up", () => {
    expect(tipPresets(450)).toEqual([
      { percent: 0, amount: 0 },
      { percent: 10, amount: 45 },
      { percent: 15, amount: 68 },
      { percent: 20, amount: 90 },
    ]);
    expect(tipPresets(455).find((p) => p.percent === 10)?.amount).toBe(46);
    // Yen: whole yen, the same rule.
    expect(tipPresets(1_250).map((p) => p.amount)).toEqual([0, 125, 188, 250]);
  });

  it("gives an example the way the store writes numbers", () => {
    expect(exampleAmount(USD)).toBe("1.50");
    expect(exampleAmount(EUR)).toBe("1,50");
    expect(exampleAmount(JPY)).toBe("100");
  });

  it("resolves the selection to the tip the order carries, or says what is wrong", () => {
    expect(resolveTip({ percent: 15 }, 450, USD)).toEqual({ choice: { percent: 15 }, amount: 68, problem: null });
    expect(resolveTip({ custom: "1.25" }, 450, USD)).toEqual({ choice: { amount: 125 }, amount: 125, problem: null });
    expect(resolveTip({ custom: "" }, 450, USD).problem).toMatch(/Enter a tip amount/);
    expect(resolveTip({ custom: "lots" }, 450, USD).problem).toBe("Enter the tip as an amount, e.g. 1.50");
    // An extra zero must not triple the bill: the server refuses a tip above the order.
    expect(resolveTip({ custom: "45.00" }, 450, USD)).toMatchObject({ choice: null, amount: 0, problem: "The tip can be at most the price of the order" });
    expect(resolveTip({ custom: "300" }, 1_250, JPY)).toMatchObject({ choice: { amount: 300 }, amount: 300 });
  });
});
