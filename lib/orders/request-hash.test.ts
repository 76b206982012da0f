import { describe, expect, it } from "vitest";
import { placeOrderInputSchema } from "./order-input.ts";
import { canonicalJson, orderRequestHash } from "./request-hash.ts";

const order = {
  idempotencyKey: "key-aaaaaaaaaaaaaaaa",
  deviceId: "device-aaaaaaaaaaaa",
  customerName: "Ada",
  items: [
    { menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] },
    { menuItemId: "tea", quantity: 2 },
  ],
};
const hashOf = (body: unknown, source: "ONLINE" | "WALK_UP" = "ONLINE") => orderRequestHash({ input: placeOrderInputSchema.parse(body), source });

describe("canonicalJson", () => {
  it("sorts keys at every level, keeps array order and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
  });
});

describe("orderRequestHash", () => {
  it("is the same for the same order however it was written", () => {
    const reordered = { items: order.items.map((i) => ({ ...i })), customerName: "  Ada ", deviceId: order.deviceId, idempotencyKey: order.idempotencyKey };
    expect(hashOf(reordered)).toBe(hashOf(order));
    expect(hashOf(order)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["another device", { ...order, deviceId: "device-bbbbbbbbbbbb" }],
    ["no device", { ...order, deviceId: undefined }],
    ["another name", { ...order, customerName: "Bob" }],
    ["another quantity", { ...order, items: [{ ...order.items[0]!, quantity: 2 }, order.items[1]!] }],
    ["the lines the other way round", { ...order, items: [order.items[1]!, order.items[0]!] }],
    ["a phone number added", { ...order, phone: "+14155552671", notifyConsent: true }],
  ])("differs for %s", (_, other) => {
    expect(hashOf(other)).not.toBe(hashOf(order));
  });

  it("differs between the web and the counter", () => {
    expect(hashOf(order, "WALK_UP")).not.toBe(hashOf(order, "ONLINE"));
  });
});
