import { describe, expect, it } from "vitest";
import { mobileOnlyMessage, NOTIFY_CONSENT_MESSAGE, placeOrderInputSchema, placeOrderInputSchemaFor, type PhoneSettings } from "./order-input.ts";

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
    const parsed = placeOrderInputSchema.parse({ ...valid, phone: "+1 (415) 555-2671", email: " Ada@Example.COM ", notifyConsent: true });
    expect(parsed.customerName).toBe("Ada");
    expect(parsed.phone).toBe("+14155552671");
    // One inbox, one recipient for the notifier's daily limit, however it was typed.
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
      "phone: that phone number is not valid; please give a United States mobile number",
    ]);
    expect(placeOrderInputSchemaFor({ region: "GB", smsCountries: ["GB", "US"] }).safeParse({ ...valid, phone: "415 555", notifyConsent: true }).error?.issues[0]?.message).toBe(
      "that phone number is not valid; for a number outside GB, start with + and the country code",
    );
    expect(messages({ ...valid, email: "not-an-email", notifyConsent: true })).toEqual(["email: email address is not valid"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: -1 }] })).toEqual(["items.0.quantity: quantity must be at least 1"]);
    expect(messages({ ...valid, items: [{ menuItemId: "latte", quantity: 1.5 }] })).toEqual(["items.0.quantity: quantity must be a whole number"]);
    expect(messages({ ...valid, idempotencyKey: "short" })[0]).toMatch(/^idempotencyKey:/);
  });

  it("normalises numbers in common formats to E.164, local ones in the store's region", () => {
    const phone = (raw: string, region = "US") =>
      placeOrderInputSchemaFor({ region, smsCountries: ["US", "GB"] }).parse({ ...valid, phone: raw, notifyConsent: true }).phone;
    expect(phone("(415) 555-2671")).toBe("+14155552671");
    expect(phone("415.555.2671")).toBe("+14155552671");
    expect(phone("1 415 555 2671")).toBe("+14155552671");
    expect(phone("+44 (0)7400 123456")).toBe("+447400123456");
    expect(phone("07400 123456", "GB")).toBe("+447400123456");
    expect(phone("07400 123456", "gb")).toBe("+447400123456");
  });

  it("refuses what is not a phone number", () => {
    for (const raw of ["12345", "+1 000 000 0000", "call me maybe", "+999 1234 5678", "415 555 2671 ext 9 or text me"]) {
      expect(messages({ ...valid, phone: raw, notifyConsent: true }), raw).toEqual([expect.stringMatching(/^phone: that phone number is not valid/)]);
    }
  });

  describe("texts go to mobiles in the allowed countries only", () => {
    const phoneIssues = (settings: PhoneSettings, raw: string) => {
      const result = placeOrderInputSchemaFor(settings).safeParse({ ...valid, phone: raw, notifyConsent: true });
      return result.success ? result.data.phone : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    const usAndGb = { region: "US", smsCountries: ["US", "GB"] };

    it("accepts US and UK mobiles", () => {
      expect(phoneIssues(usAndGb, "(415) 555-2671")).toBe("+14155552671");
      expect(phoneIssues(usAndGb, "+44 7400 123456")).toBe("+447400123456");
      expect(phoneIssues({ region: "GB" }, "07400 123456")).toBe("+447400123456");
    });

    it.each([
      ["a US premium-rate number", "+1 900 555 1234"],
      ["a US toll-free number", "+1 800 555 1234"],
      ["a UK premium-rate number", "+44 909 876 5432"],
      ["a UK 0871 number", "+44 871 234 5678"],
      ["a UK landline", "+44 20 7946 0958"],
      ["a UK shared-cost (03) number", "+44 300 123 4567"],
      ["a UK VoIP number", "+44 56 1234 5678"],
      ["a UK personal number", "+44 70 7123 4567"],
      ["a UK pager", "+44 76 4012 3456"],
      ["a German mobile", "+49 170 1234567"],
      ["a German landline", "+49 30 901820"],
      // +1 and +44 are shared: Jamaica, Canada and Guernsey are countries of their own.
      ["a Jamaican mobile", "+1 876 555 1234"],
      ["a Canadian number", "+1 416 555 1234"],
      ["a Guernsey mobile", "+44 7911 123456"],
    ])("refuses %s with a message saying what we can text", (_what, raw) => {
      expect(phoneIssues(usAndGb, raw)).toEqual(["phone: please give a mobile number: we can only send texts to United States or United Kingdom mobile numbers"]);
    });

    it("defaults to the store's own country, and names the countries it takes", () => {
      expect(phoneIssues({ region: "US" }, "+44 7400 123456")).toEqual([`phone: ${mobileOnlyMessage(["US"])}`]);
      expect(mobileOnlyMessage(["US"])).toBe("please give a mobile number: we can only send texts to United States mobile numbers");
      expect(mobileOnlyMessage(["CA", "US", "MX"])).toBe("please give a mobile number: we can only send texts to Canada, United States or Mexico mobile numbers");
      expect(phoneIssues({ region: "US", smsCountries: ["US", "GB", "GG"] }, "+44 7911 123456")).toBe("+447911123456");
      expect(() => placeOrderInputSchemaFor({ region: "US", smsCountries: ["XX"] })).toThrow(/unsupported phone region XX/);
    });
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
