import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

describe("clientIp", () => {
  it("takes the first hop of X-Forwarded-For, then X-Real-IP", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-real-ip": " 2001:db8::1 " }))).toBe("2001:db8::1");
    expect(clientIp(new Headers({ "x-forwarded-for": " , 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("10.0.0.2");
  });

  it("says unknown without either, and bounds what it returns", () => {
    expect(clientIp(new Headers())).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(100);
  });
});
