import { describe, expect, it } from "vitest";
import { clockSkewMs } from "./clock.ts";

describe("clock skew", () => {
  const server = "2026-01-01T10:00:00.000Z";
  const at = Date.parse(server);

  it("ignores the page's load time", () => {
    expect(clockSkewMs(server, at + 1_500)).toBe(0);
    expect(clockSkewMs(server, at - 4_000)).toBe(0);
  });

  it("corrects a device clock that is off", () => {
    expect(clockSkewMs(server, at - 120_000)).toBe(120_000);
    expect(clockSkewMs(server, at + 60_000)).toBe(-60_000);
  });

  it("ignores a timestamp it cannot read", () => {
    expect(clockSkewMs("yesterday", at)).toBe(0);
  });
});
