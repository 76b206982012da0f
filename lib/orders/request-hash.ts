import { createHash } from "node:crypto";
import type { OrderSource } from "../generated/prisma/client.ts";
import type { PlaceOrderInput } from "./order-input.ts";

// An idempotency key answers a retry with the order it placed, status link included.
// Keys travel in request bodies and logs, so the answer must go only to a retry: the
// same device sending the same order. This is the fingerprint a retry must match.

/** Sorted keys at every level (array order kept): the same order hashes the same however its keys were sent. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortKeys(v)]));
}

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

/**
 * SHA-256 (hex) of the device id, the channel and the order as validated (so
 * "(415) 555-2671" and "+14155552671" are the same phone, and key order or spacing do
 * not matter).
 */
export function orderRequestHash(options: { input: PlaceOrderInput; source: OrderSource }): string {
  const { input, source } = options;
  return createHash("sha256")
    .update(`${input.deviceId ?? ""}\n${source}\n${canonicalJson(input)}`)
    .digest("hex");
}
