import { describe, expect, it } from "vitest";
import { formatAge, formatDelta, formatMoney } from "./format.ts";

describe("format", () => {
  it("formats cents as money", () => {
    expect(formatMoney(450)).toBe("$4.50");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatDelta(50)).toBe("+$0.50");
    expect(formatDelta(0)).toBe("");
    expect(formatDelta(-125)).toBe("−$1.25");
  });

  it("writes whole cents exactly as Intl does, and hands anything else to Intl", () => {
    const intl = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
    const samples = [0, -0, 1, 5, 9, 10, 99, 100, 101, 460, 999, 1000, 99_999, 100_000, 123_456_789, -1, -450, -100_000, 999_999_999_999, 1e12, -1e12 - 1, Number.MAX_SAFE_INTEGER, 0.5, 100.5, 12.345, NaN, Infinity];
    for (let cents = -2_000; cents <= 2_000; cents += 7) samples.push(cents);
    for (const cents of samples) expect(formatMoney(cents), String(cents)).toBe(intl.format(cents / 100));
  });

  it("formats ages compactly", () => {
    expect(formatAge(42_000)).toBe("42s");
    expect(formatAge(7 * 60_000 + 5_000)).toBe("7 min");
    expect(formatAge(65 * 60_000)).toBe("1 h 05");
    expect(formatAge(-5)).toBe("0s");
  });
});
