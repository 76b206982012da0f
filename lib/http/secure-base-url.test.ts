import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.ts";
import { assertSecureBaseUrl } from "./secure-base-url.ts";

describe("assertSecureBaseUrl", () => {
  const production = { NODE_ENV: "production" as const, ALLOW_INSECURE_HTTP: false };
  it("refuses an http base URL in production", () => {
    expect(() => assertSecureBaseUrl({ ...production, PUBLIC_BASE_URL: "http://shop.example" })).toThrow(ConfigError);
    expect(() => assertSecureBaseUrl({ ...production, PUBLIC_BASE_URL: "http://shop.example" })).toThrow(/ALLOW_INSECURE_HTTP/);
  });
  it("accepts https, an explicit allowance, and development", () => {
    expect(() => assertSecureBaseUrl({ ...production, PUBLIC_BASE_URL: "https://shop.example" })).not.toThrow();
    expect(() => assertSecureBaseUrl({ ...production, ALLOW_INSECURE_HTTP: true, PUBLIC_BASE_URL: "http://192.168.1.20:3000" })).not.toThrow();
    expect(() => assertSecureBaseUrl({ NODE_ENV: "development", ALLOW_INSECURE_HTTP: false, PUBLIC_BASE_URL: "http://localhost:3000" })).not.toThrow();
  });
});
