import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pushSubscribeBodySchemaFor, UNKNOWN_PUSH_SERVICE_MESSAGE } from "./schema.ts";

const schema = pushSubscribeBodySchemaFor(["fcm.googleapis.com", "push.apple.com"]);

function body(overrides: { endpoint?: string; p256dh?: string; auth?: string } = {}) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    subscription: {
      endpoint: overrides.endpoint ?? "https://fcm.googleapis.com/fcm/send/abc:def",
      expirationTime: null,
      keys: { p256dh: overrides.p256dh ?? ecdh.getPublicKey().toString("base64url"), auth: overrides.auth ?? randomBytes(16).toString("base64url") },
    },
    source: "status-page",
  };
}

const messages = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("PUT /api/orders/[token]/push body", () => {
  it("takes a browser's subscription on an allowed push service (subdomains too), dropping key padding", () => {
    expect(messages(body())).toEqual([]);
    expect(messages(body({ endpoint: "https://web.push.apple.com/QG9x" }))).toEqual([]);
    const padded = body({ auth: `${randomBytes(16).toString("base64url")}==` });
    expect(schema.parse(padded).subscription.keys.auth).not.toMatch(/=/);
  });

  it("refuses endpoints that are not a known push service's https URL", () => {
    for (const endpoint of ["https://evil.example/push", "http://fcm.googleapis.com/x", "https://fcm.googleapis.com.evil.example/x", "https://user:pw@fcm.googleapis.com/x", "not a url"]) {
      expect(messages(body({ endpoint })), endpoint).toContain(UNKNOWN_PUSH_SERVICE_MESSAGE);
    }
    expect(messages(body({ endpoint: `https://fcm.googleapis.com/${"a".repeat(1100)}` }))[0]).toMatch(/at most 1024/);
  });

  it("refuses keys of the wrong size, off the curve, or not base64url", () => {
    const compressed = createECDH("prime256v1");
    compressed.generateKeys();
    expect(messages(body({ p256dh: compressed.getPublicKey(undefined, "compressed").toString("base64url") }))).toContain("p256dh must be 65 bytes in base64url");
    expect(messages(body({ p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url") }))).toContain("p256dh is not a P-256 public key");
    expect(messages(body({ auth: randomBytes(32).toString("base64url") }))).toContain("auth must be 16 bytes in base64url");
    expect(messages(body({ auth: "+/+/+/+/+/+/+/+/+/+/+w" }))).toContain("auth must be 16 bytes in base64url");
  });

  it("refuses unknown fields and sources", () => {
    expect(messages({ ...body(), extra: 1 }).length).toBeGreaterThan(0);
    expect(messages({ ...body(), source: "counter" })).toContain('source must be "checkout" or "status-page"');
    expect(messages({ source: "checkout" }).length).toBeGreaterThan(0);
  });
});
