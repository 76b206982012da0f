import { describe, expect, it } from "vitest";
import { affectsBoards } from "./board-changes.ts";

describe("affectsBoards", () => {
  it("re-reads boards for order changes, settings and stations, and after a resync", () => {
    expect(affectsBoards({ kind: "changed", orderId: "o", status: "READY" })).toBe(true);
    expect(affectsBoards({ kind: "changed", table: "StoreSettings" })).toBe(true);
    expect(affectsBoards({ kind: "changed", table: "MenuCategory" })).toBe(true);
    expect(affectsBoards({ kind: "resync" })).toBe(true);
  });

  it("ignores sold-out toggles and price edits", () => {
    expect(affectsBoards({ kind: "changed", table: "MenuItem" })).toBe(false);
    expect(affectsBoards({ kind: "changed", table: "Modifier" })).toBe(false);
  });
});
