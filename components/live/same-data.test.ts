import { describe, expect, it } from "vitest";
import { sameData } from "./same-data.ts";

describe("sameData", () => {
  it("compares JSON values by content, whatever the order of the keys", () => {
    expect(sameData({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toBe(true);
    expect(sameData([], [])).toBe(true);
    expect(sameData(null, null)).toBe(true);
    expect(sameData({ a: undefined }, {})).toBe(true);
  });

  it("tells different data apart", () => {
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData([1], [1, 1])).toBe(false);
    expect(sameData({}, [])).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData("1", 1)).toBe(false);
    expect(sameData({ available: true }, { available: false })).toBe(false);
  });
});
