import { describe, expect, it } from "vitest";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { createKeyKeeper, errorMessage, newIdempotencyKey, orderRequestBody } from "./checkout.ts";
import type { CartLine } from "./menu-math.ts";

const line: CartLine = {
  key: "k",
  menuItemId: "latte",
  name: "Caffè latte",
  quantity: 2,
  modifierIds: ["size-large"],
  optionNames: ["Large"],
  note: "",
  unitPriceCents: 490,
};

describe("checkout", () => {
  it("builds a body the server schema accepts, leaving out empty contact fields", () => {
    const body = orderRequestBody([line, { ...line, note: "extra hot" }], { customerName: " Ada ", phone: " ", email: "" });
    expect(body).toEqual({
      customerName: "Ada",
      items: [
        { menuItemId: "latte", quantity: 2, modifierIds: ["size-large"] },
        { menuItemId: "latte", quantity: 2, modifierIds: ["size-large"], note: "extra hot" },
      ],
    });
    expect(placeOrderInputSchema.safeParse({ ...body, idempotencyKey: newIdempotencyKey() }).success).toBe(true);
  });

  it("reuses the key for the same order and makes a new one when it changes", () => {
    let n = 0;
    const keyFor = createKeyKeeper(() => `key-${++n}`);
    const a = orderRequestBody([line], { customerName: "Ada", phone: "", email: "" });
    expect(keyFor(a)).toBe("key-1");
    expect(keyFor(structuredClone(a))).toBe("key-1");
    expect(keyFor({ ...a, customerName: "Bob" })).toBe("key-2");
  });

  it("makes keys the server accepts", () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
  });

  it("shows the server's message, capitalised, or a fallback", () => {
    expect(errorMessage(400, { error: { message: "your order is empty" } })).toBe("Your order is empty");
    expect(errorMessage(503, null)).toMatch(/can't take orders/);
    expect(errorMessage(500, {})).toMatch(/Something went wrong \(500\)/);
  });
});
