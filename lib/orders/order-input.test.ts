import { describe, expect, it } from "vitest";
import { placeOrderInputSchema } from "./order-input.ts";

const valid = {
  idempotencyKey: "0b4f7f0e-5d7a-4c53-9d8e-1f2a3b4c5d6e",
  customerName: "  Ada  ",
  items: [{ menuItemId: "latte", quantity: 1 }],
};

const messages = (body: unknown) => {
  const result = placeOrderInputSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("placeOrderInputSchema", () => {
  it("accepts a minimal order and normalises it", () => {
    const parsed = placeOrderInputSchema.parse({ ...valid, phone: "+44 (7700) 900-123", email: " ada@example.com " });
    expect(parsed.customerName).toBe("Ada");
    expect(parsed.phone).toBe("+447700900123");
    expect(parsed.email).toBe("ada@example.com");
    expect(parsed.items[0]!.modifierIds).toEqual([]);
  });

  it("treats empty contact fields as absent", () => {
    const parsed = placeOrderInputSchema.parse({ ...valid, phone: "", email: "" });
    expect(parsed.phone).toBeUndefined();
    expect(parsed.email).toBeUndefined();
  });

  it("explains what is wrong", () => {
    expect(messages({ ...valid, customerName: " " })).toEqual(["customerName: please tell us your name"]);
    expect(messages({ ...valid, items: [] })).toEqual(["items: your order is empty"]);
    expect(messages({ ...valid, phone: "07700 900123" })[0]).toMatch(/^phone: phone must be an international number/);
    expect(messages({ ...valid, email: "not-an-email" })).toEqual(["email: email address is not valid"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: -1 }] })).toEqual(["items.0.quantity: quantity must be at least 1"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: 1.5 }] })).toEqual(["items.0.quantity: quantity must be a whole number"]);
    expect(messages({ ...valid, idempotencyKey: "short" })[0]).toMatch(/^idempotencyKey:/);
  });

  it("rejects unknown keys, including prototype-pollution keys", () => {
    expect(messages(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(valid).slice(1)}`))).not.toEqual([]);
    expect(messages({ ...valid, totalCents: 1 })).not.toEqual([]);
  });

  it("limits cart size and note length", () => {
    const many = Array.from({ length: 21 }, () => ({ menuItemId: "latte", quantity: 1 }));
    expect(messages({ ...valid, items: many })).toEqual(["items: at most 20 lines per order"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: 1, note: "x".repeat(141) }] })).toEqual([
      "items.0.note: note must be at most 140 characters",
    ]);
  });
});
