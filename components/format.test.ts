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

  it("formats ages compactly", () => {
    expect(formatAge(42_000)).toBe("42s");
    expect(formatAge(7 * 60_000 + 5_000)).toBe("7 min");
    expect(formatAge(65 * 60_000)).toBe("1 h 05");
    expect(formatAge(-5)).toBe("0s");
  });
});
