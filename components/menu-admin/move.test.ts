import { describe, expect, it } from "vitest";
import { moveId } from "./move.ts";

describe("moveId", () => {
  it("moves up and down, staying inside the list", () => {
    expect(moveId(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveId(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moveId(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});
