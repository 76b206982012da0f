import { describe, expect, it } from "vitest";
import { walkUpBodySchemaFor } from "./schema.ts";

const schema = walkUpBodySchemaFor({ region: "US" });
const body = { idempotencyKey: "walk-up-key-0123456789", customerName: "Ada", items: [{ menuItemId: "tea", quantity: 1 }] };

describe("walkUpBodySchemaFor: how the counter order was paid", () => {
  it("takes cash, card at the till or not paid yet", () => {
    for (const paymentMethod of ["CASH", "CARD_AT_TILL", "PAY_AT_PICKUP"] as const) {
      expect(schema.parse({ ...body, paymentMethod }).paymentMethod).toBe(paymentMethod);
    }
  });

  it("means not paid yet when left out, as every counter order did before the till recorded it", () => {
    expect(schema.parse(body).paymentMethod).toBe("PAY_AT_PICKUP");
  });

  it("refuses online payment (the customer is at the counter) and anything else, naming the choices", () => {
    for (const paymentMethod of ["ONLINE", "cash", "", null, 1]) {
      const parsed = schema.safeParse({ ...body, paymentMethod });
      expect(parsed.success, String(paymentMethod)).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ["paymentMethod"], message: "paymentMethod must be one of CASH, CARD_AT_TILL, PAY_AT_PICKUP" });
    }
  });

  it("takes no tip or online payment fields: those are the web checkout's", () => {
    expect(schema.safeParse({ ...body, paymentMethod: "CASH", tip: { percent: 10 } }).success).toBe(false);
    expect(schema.safeParse({ ...body, payment: "online" }).success).toBe(false);
  });
});
