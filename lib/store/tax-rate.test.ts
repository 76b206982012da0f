import { describe, expect, it } from "vitest";
import { basisPointsToPercent, percentToBasisPoints } from "./tax-rate.ts";

describe("tax rate", () => {
  it("turns a typed percentage into basis points and back", () => {
    expect(percentToBasisPoints("8.25")).toBe(825);
    expect(percentToBasisPoints("8,5 %")).toBe(850);
    expect(percentToBasisPoints("0")).toBe(0);
    expect(percentToBasisPoints("100")).toBe(10_000);
    expect(basisPointsToPercent(825)).toBe("8.25");
    expect(basisPointsToPercent(800)).toBe("8");
    expect(basisPointsToPercent(0)).toBe("0");
  });

  it("refuses what is not a percentage from 0 to 100 with at most two decimals", () => {
    for (const bad of ["", "-1", "100.01", "8.255", "abc", "1e2"]) expect(percentToBasisPoints(bad), bad).toBeNull();
  });
});
