import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./content-security-policy.ts";

describe("pageContentSecurityPolicy", () => {
  it("allows scripts only with the nonce (strict-dynamic), never inline or eval in production", () => {
    const policy = pageContentSecurityPolicy("abc123==");
    expect(policy).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("worker-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it("lets next dev evaluate code and use its websocket", () => {
    const policy = pageContentSecurityPolicy("n", { dev: true });
    expect(policy).toMatch(/script-src[^;]*'unsafe-eval'/);
    expect(policy).toMatch(/connect-src 'self' ws: wss:/);
  });
});

describe("createNonce", () => {
  it("makes 128-bit base64 nonces that differ every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
