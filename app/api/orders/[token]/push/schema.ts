import { ECDH } from "node:crypto";
import { z } from "zod";
import { isAllowedPushEndpoint, MAX_PUSH_ENDPOINT_LENGTH } from "../../../../../lib/notifications/push-endpoint.ts";

// A browser's PushSubscription.toJSON(), as the status page and the checkout send it. The
// endpoint is a URL the worker will POST to, so only the configured push services are
// accepted; the keys must be ones the payload can be encrypted for (RFC 8291).

/** Bodies are a few hundred bytes; the endpoint is the longest part. */
export const MAX_PUSH_BODY_BYTES = 4 * 1024;

export const UNKNOWN_PUSH_SERVICE_MESSAGE = "that push endpoint is not from a known push service";

/** Base64url (no padding; a trailing "=" is dropped) of exactly `bytes` bytes. */
const base64urlKey = (bytes: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .max(200, `${label} is too long`)
    .transform((v) => v.replace(/=+$/, ""))
    .refine((v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, "base64url").length === bytes, `${label} must be ${bytes} bytes in base64url`);

/** A P-256 point the payload can be encrypted to: 65 bytes, uncompressed, on the curve. */
function isP256Point(key: string): boolean {
  try {
    ECDH.convertKey(Buffer.from(key, "base64url"), "prime256v1", undefined, undefined, "uncompressed");
    return Buffer.from(key, "base64url")[0] === 0x04;
  } catch {
    return false;
  }
}

export const pushSubscribeBodySchemaFor = (allowedHosts: readonly string[]) =>
  z.strictObject({
    subscription: z.strictObject({
      endpoint: z
        .string({ error: "subscription.endpoint must be text" })
        .max(MAX_PUSH_ENDPOINT_LENGTH, `the push endpoint must be at most ${MAX_PUSH_ENDPOINT_LENGTH} characters`)
        .refine((v) => isAllowedPushEndpoint(v, allowedHosts), UNKNOWN_PUSH_SERVICE_MESSAGE),
      // Browsers send it (usually null); the push service decides when it ends, so it is not kept.
      expirationTime: z.number().nullable().optional(),
      keys: z.strictObject({
        p256dh: base64urlKey(65, "p256dh").refine(isP256Point, "p256dh is not a P-256 public key"),
        auth: base64urlKey(16, "auth"),
      }),
    }),
    source: z.enum(["checkout", "status-page"], { error: 'source must be "checkout" or "status-page"' }),
  });
