import { describe, expect, it } from "vitest";
import { bearerMatches } from "./bearer-token.ts";

describe("bearerMatches", () => {
  const token = "s3cret-metrics-token";
  it("accepts exactly the expected bearer token", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses a missing, different, extended or non-bearer credential", () => {
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches("", token)).toBe(false);
    expect(bearerMatches("Bearer ", token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
  });
});
