import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { allowedOrigins } from "./allowed-origins.ts";
import { CROSS_SITE_MESSAGE, isCrossSite, refuseCrossSite } from "./cross-site.ts";

const allowed = allowedOrigins({ PUBLIC_BASE_URL: "https://shop.example/some/path" });
const request = (method: string, headers: Record<string, string> = {}) => ({ method, headers: new Headers(headers) });

describe("allowedOrigins", () => {
  it("is the origin of PUBLIC_BASE_URL", () => {
    expect(allowed).toEqual(["https://shop.example"]);
    expect(allowedOrigins({ PUBLIC_BASE_URL: "http://localhost:3000" })).toEqual(["http://localhost:3000"]);
  });
});

describe("isCrossSite", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSite(request("GET", { origin: "https://evil.example" }), allowed)).toBe(false);
    expect(isCrossSite(request("HEAD"), allowed)).toBe(false);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "post"])("accepts %s from the shop's own origin", (method) => {
    expect(isCrossSite(request(method, { origin: "https://shop.example" }), allowed)).toBe(false);
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["a sibling subdomain (same site, not same origin)", { origin: "https://evil.shop.example" }],
    ["another scheme", { origin: "http://shop.example" }],
    ["another port", { origin: "https://shop.example:8443" }],
    ["an opaque origin", { origin: "null" }],
    ["garbage", { origin: "not a url" }],
    ["no origin, referer or fetch metadata", {}],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }],
    ["a same-site (not same-origin) fetch without Origin", { "sec-fetch-site": "same-site" }],
    ["a referer from another site", { referer: "https://evil.example/shop.example/" }],
    ["a foreign Origin even with our Referer", { origin: "https://evil.example", referer: "https://shop.example/kds" }],
  ])("refuses a POST from %s", (_, headers: Record<string, string>) => {
    expect(isCrossSite(request("POST", headers), allowed)).toBe(true);
  });

  it("takes Sec-Fetch-Site or the Referer's origin when Origin is missing", () => {
    expect(isCrossSite(request("POST", { "sec-fetch-site": "same-origin" }), allowed)).toBe(false);
    expect(isCrossSite(request("POST", { referer: "https://shop.example/dashboard?x=1" }), allowed)).toBe(false);
  });

  it("normalises the Origin header before comparing", () => {
    expect(isCrossSite(request("POST", { origin: "HTTPS://SHOP.EXAMPLE:443" }), allowed)).toBe(false);
  });
});

describe("refuseCrossSite", () => {
  it("throws FORBIDDEN with a plain message for a cross-site request, nothing otherwise", () => {
    let caught: unknown;
    try {
      refuseCrossSite(request("DELETE", { origin: "https://evil.example" }), allowed);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code === "FORBIDDEN" && caught.message === CROSS_SITE_MESSAGE).toBe(true);
    expect(() => refuseCrossSite(request("DELETE", { origin: "https://shop.example" }), allowed)).not.toThrow();
  });
});
