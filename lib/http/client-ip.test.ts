import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

describe("clientIp", () => {
  it("takes the address our one proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real peer.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": " 203.0.113.7 " }))).toBe("203.0.113.7");
  });

  it("counts from the right past each trusted proxy", () => {
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7, 10.0.0.5" });
    expect(clientIp(headers, 2)).toBe("203.0.113.7");
    expect(clientIp(headers, 5)).toBe("1.2.3.4");
    expect(clientIp(headers, 0)).toBe("10.0.0.5");
  });

  it("falls back to X-Real-IP, says unknown without either, and bounds what it returns", () => {
    expect(clientIp(new Headers({ "x-real-ip": " 2001:db8::1 " }))).toBe("2001:db8::1");
    expect(clientIp(new Headers({ "x-forwarded-for": " , ", "x-real-ip": "10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientIp(new Headers())).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(100);
  });
});
