import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { orderTotals, tipFromChoice, tipProblem } from "./order-totals.ts";
import { tipChoiceSchema } from "./tip-choice.ts";

describe("orderTotals with tax added (US sales tax)", () => {
  it("adds the tax, rounded half up, and the untaxed tip", () => {
    expect(orderTotals({ subtotal: 1000, taxRateBasisPoints: 825, taxIncluded: false, tip: 0 })).toEqual({ subtotal: 1000, tax: 83, tip: 0, total: 1083 }); // 82.5
    expect(orderTotals({ subtotal: 999, taxRateBasisPoints: 825, taxIncluded: false, tip: 150 })).toEqual({ subtotal: 999, tax: 82, tip: 150, total: 1231 }); // 82.4175
    expect(orderTotals({ subtotal: 1006, taxRateBasisPoints: 825, taxIncluded: false, tip: 0 }).tax).toBe(83); // 82.995
    expect(orderTotals({ subtotal: 200, taxRateBasisPoints: 25, taxIncluded: false, tip: 0 }).tax).toBe(1); // 0.5
    expect(orderTotals({ subtotal: 199, taxRateBasisPoints: 25, taxIncluded: false, tip: 0 }).tax).toBe(0); // 0.4975
  });

  it("is exact without a rate and for an empty order", () => {
    expect(orderTotals({ subtotal: 1234, taxRateBasisPoints: 0, taxIncluded: false, tip: 10 })).toEqual({ subtotal: 1234, tax: 0, tip: 10, total: 1244 });
    expect(orderTotals({ subtotal: 0, taxRateBasisPoints: 825, taxIncluded: false, tip: 0 }).total).toBe(0);
  });

  it("works in yen, which has no minor unit (10 % consumption tax added)", () => {
    expect(orderTotals({ subtotal: 450, taxRateBasisPoints: 1000, taxIncluded: false, tip: 0 })).toEqual({ subtotal: 450, tax: 45, tip: 0, total: 495 });
    expect(orderTotals({ subtotal: 455, taxRateBasisPoints: 1000, taxIncluded: false, tip: 0 }).tax).toBe(46); // 45.5
    expect(orderTotals({ subtotal: 454, taxRateBasisPoints: 1000, taxIncluded: false, tip: 0 }).tax).toBe(45); // 45.4
  });
});

describe("orderTotals with tax included in the prices (VAT)", () => {
  it("takes the VAT out of the subtotal and does not add it to the total", () => {
    // €4.50 at 20 %: 4.50 × 20/120 = 0.75.
    expect(orderTotals({ subtotal: 450, taxRateBasisPoints: 2000, taxIncluded: true, tip: 0 })).toEqual({ subtotal: 450, tax: 75, tip: 0, total: 450 });
    expect(orderTotals({ subtotal: 450, taxRateBasisPoints: 2000, taxIncluded: true, tip: 90 })).toEqual({ subtotal: 450, tax: 75, tip: 90, total: 540 });
  });

  it("rounds the VAT part half up", () => {
    // 1000 × 700/10700 = 65.42 (German reduced rate 7 %); 1003 × 2000/12000 = 167.17; 3 × 2000/12000 = 0.5.
    expect(orderTotals({ subtotal: 1000, taxRateBasisPoints: 700, taxIncluded: true, tip: 0 }).tax).toBe(65);
    expect(orderTotals({ subtotal: 1003, taxRateBasisPoints: 2000, taxIncluded: true, tip: 0 }).tax).toBe(167);
    expect(orderTotals({ subtotal: 3, taxRateBasisPoints: 2000, taxIncluded: true, tip: 0 }).tax).toBe(1);
    expect(orderTotals({ subtotal: 2, taxRateBasisPoints: 2000, taxIncluded: true, tip: 0 }).tax).toBe(0);
  });

  it("works in yen: ¥550 with 10 % included holds ¥50 of tax", () => {
    expect(orderTotals({ subtotal: 550, taxRateBasisPoints: 1000, taxIncluded: true, tip: 0 })).toEqual({ subtotal: 550, tax: 50, tip: 0, total: 550 });
  });

  it("is zero tax at a zero rate", () => {
    expect(orderTotals({ subtotal: 450, taxRateBasisPoints: 0, taxIncluded: true, tip: 0 })).toEqual({ subtotal: 450, tax: 0, tip: 0, total: 450 });
  });
});

describe("orderTotals refuses amounts that are not whole minor units", () => {
  it("throws for fractions, negatives and rates out of range", () => {
    expect(() => orderTotals({ subtotal: 4.5, taxRateBasisPoints: 825, taxIncluded: false, tip: 0 })).toThrow(RangeError);
    expect(() => orderTotals({ subtotal: 450, taxRateBasisPoints: 825, taxIncluded: false, tip: -1 })).toThrow(RangeError);
    expect(() => orderTotals({ subtotal: 450, taxRateBasisPoints: 10_001, taxIncluded: false, tip: 0 })).toThrow(RangeError);
  });
});

describe("tipFromChoice", () => {
  it("takes a percentage of the menu prices, rounded half up to the minor unit", () => {
    expect(tipFromChoice({ subtotal: 1000, choice: { percent: 15 } })).toBe(150);
    expect(tipFromChoice({ subtotal: 1030, choice: { percent: 15 } })).toBe(155); // 154.5
    expect(tipFromChoice({ subtotal: 1029, choice: { percent: 15 } })).toBe(154); // 154.35
    expect(tipFromChoice({ subtotal: 1000, choice: { percent: 0 } })).toBe(0);
    // Yen: 10 % of ¥455 is ¥45.5, so ¥46.
    expect(tipFromChoice({ subtotal: 455, choice: { percent: 10 } })).toBe(46);
  });

  it("takes a typed amount up to the subtotal", () => {
    expect(tipFromChoice({ subtotal: 450, choice: { amount: 100 } })).toBe(100);
    expect(tipFromChoice({ subtotal: 450, choice: { amount: 450 } })).toBe(450);
    expect(tipFromChoice({ subtotal: 450, choice: { amount: 0 } })).toBe(0);
  });

  it("refuses a tip larger than the order, a fraction, a negative or an odd percentage, about the tip field", () => {
    try {
      tipFromChoice({ subtotal: 450, choice: { amount: 451 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).details).toEqual({ issues: [{ path: "tip", message: "the tip can be at most the price of the order" }] });
    }
    expect(tipProblem({ subtotal: 450, choice: { amount: 1.5 } })).toBe("the tip must be a whole amount, 0 or more");
    expect(tipProblem({ subtotal: 450, choice: { amount: -1 } })).toBe("the tip must be a whole amount, 0 or more");
    expect(tipProblem({ subtotal: 450, choice: { percent: 12 as 10 } })).toBe("choose a tip of 0, 10, 15, 20 %");
    expect(tipProblem({ subtotal: 450, choice: { percent: 20 } })).toBeNull();
  });
});

describe("tipChoiceSchema", () => {
  it("takes one of the offered percentages or a whole amount", () => {
    expect(tipChoiceSchema.parse({ percent: 10 })).toEqual({ percent: 10 });
    expect(tipChoiceSchema.parse({ amount: 250 })).toEqual({ amount: 250 });
  });

  it("refuses anything else with a message", () => {
    for (const bad of [{ percent: 12 }, { percent: "10" }, { amount: 1.5 }, { amount: -1 }, { amount: 100, percent: 10 }, {}, 10, null]) {
      const parsed = tipChoiceSchema.safeParse(bad);
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/tip/);
    }
  });
});
