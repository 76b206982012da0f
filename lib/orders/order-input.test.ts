import { describe, expect, it } from "vitest";
import { NOTIFY_CONSENT_MESSAGE, placeOrderInputSchema, placeOrderInputSchemaFor } from "./order-input.ts";

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
    const parsed = placeOrderInputSchema.parse({ ...valid, phone: "+44 (7911) 123-456", email: " ada@example.com ", notifyConsent: true });
    expect(parsed.customerName).toBe("Ada");
    expect(parsed.phone).toBe("+447911123456");
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
    expect(messages({ ...valid, phone: "07911 123456", notifyConsent: true })).toEqual([
      "phone: that phone number is not valid; for a number outside US, start with + and the country code, e.g. +44 7911 123456",
    ]);
    expect(messages({ ...valid, email: "not-an-email", notifyConsent: true })).toEqual(["email: email address is not valid"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: -1 }] })).toEqual(["items.0.quantity: quantity must be at least 1"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: 1.5 }] })).toEqual(["items.0.quantity: quantity must be a whole number"]);
    expect(messages({ ...valid, idempotencyKey: "short" })[0]).toMatch(/^idempotencyKey:/);
  });

  it("normalises numbers in common formats to E.164, local ones in the store's region", () => {
    const phone = (raw: string, region = "US") => placeOrderInputSchemaFor(region).parse({ ...valid, phone: raw, notifyConsent: true }).phone;
    expect(phone("(415) 555-2671")).toBe("+14155552671");
    expect(phone("415.555.2671")).toBe("+14155552671");
    expect(phone("1 415 555 2671")).toBe("+14155552671");
    expect(phone("+44 (0)20 7946 0958")).toBe("+442079460958");
    expect(phone("07911 123456", "GB")).toBe("+447911123456");
    expect(phone("07911 123456", "gb")).toBe("+447911123456");
  });

  it("refuses what is not a phone number", () => {
    for (const raw of ["12345", "+1 000 000 0000", "call me maybe", "+999 1234 5678", "415 555 2671 ext 9 or text me"]) {
      expect(messages({ ...valid, phone: raw, notifyConsent: true }), raw).toEqual([expect.stringMatching(/^phone: that phone number is not valid/)]);
    }
  });

  it("requires consent to notify when a phone or email is given", () => {
    expect(messages({ ...valid, phone: "+1 415 555 2671" })).toEqual([`notifyConsent: ${NOTIFY_CONSENT_MESSAGE}`]);
    expect(messages({ ...valid, email: "ada@example.com", notifyConsent: false })).toEqual([`notifyConsent: ${NOTIFY_CONSENT_MESSAGE}`]);
    expect(messages({ ...valid, email: "ada@example.com", notifyConsent: true })).toEqual([]);
    expect(messages({ ...valid, notifyConsent: false })).toEqual([]);
    expect(messages({ ...valid, phone: "", email: "" })).toEqual([]);
    expect(messages({ ...valid, notifyConsent: "yes" })).toEqual(["notifyConsent: notifyConsent must be true or false"]);
  });

  it("accepts a well-formed device id and nothing else", () => {
    expect(placeOrderInputSchema.parse({ ...valid, deviceId: "dev_0123456789abcdef" }).deviceId).toBe("dev_0123456789abcdef");
    expect(messages({ ...valid, deviceId: "short" })).toEqual(["deviceId: deviceId must be 16–64 letters, digits, - or _"]);
    expect(messages({ ...valid, deviceId: "x".repeat(65) })).toHaveLength(1);
    expect(messages({ ...valid, deviceId: "has spaces in it, sixteen+" })).toHaveLength(1);
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
