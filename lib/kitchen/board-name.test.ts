import { describe, expect, it } from "vitest";
import { boardFirstName } from "./board-name.ts";

describe("boardFirstName", () => {
  it("keeps the first word only", () => {
    expect(boardFirstName("Ada Lovelace")).toBe("Ada");
    expect(boardFirstName("  Grace\tHopper ")).toBe("Grace");
    expect(boardFirstName("Zoë")).toBe("Zoë");
  });

  it("cuts long names to 12 characters without splitting an emoji", () => {
    expect(boardFirstName("Maximilianusmagnus")).toBe("Maximilianus");
    expect(boardFirstName("🙂".repeat(20))).toBe("🙂".repeat(12));
  });
});
