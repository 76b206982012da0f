import { describe, expect, it } from "vitest";
import { refusalText } from "./refusal-text.ts";

describe("refusalText", () => {
  it("says why and counts down, then says it is trying", () => {
    expect(refusalText("too-many", 25)).toBe("Too many live connections from this network — trying again in 25 s.");
    expect(refusalText("busy", 3)).toBe("Live updates are busy — trying again in 3 s.");
    expect(refusalText("busy", 0)).toBe("Live updates are busy — trying again now.");
  });
});
