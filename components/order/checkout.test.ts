import { describe, expect, it } from "vitest";
import { mobileOnlyMessage, placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { retryAfterSeconds } from "../api/api-client.ts";
import { checkoutFailure, createKeyKeeper, errorMessage, newIdempotencyKey, orderRequestBody, parseIssues, validateDetails } from "./checkout.ts";
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

  it("sends the payment choice, and a tip only when paying online", () => {
    const details = { customerName: "Ada", phone: "", email: "" };
    const online = orderRequestBody([line], { ...details, payment: "online", tip: { percent: 15 } });
    expect(online).toMatchObject({ payment: "online", tip: { percent: 15 } });
    expect(placeOrderInputSchema.safeParse({ ...online, idempotencyKey: newIdempotencyKey() }).success).toBe(true);
    const custom = orderRequestBody([line], { ...details, payment: "online", tip: { amount: 125 } });
    expect(placeOrderInputSchema.safeParse({ ...custom, idempotencyKey: newIdempotencyKey() }).success).toBe(true);
    const atPickup = orderRequestBody([line], { ...details, payment: "at_pickup", tip: { percent: 15 } });
    expect(atPickup).toMatchObject({ payment: "at_pickup" });
    expect(atPickup).not.toHaveProperty("tip");
    // A changed tip is a different order: a new key, so the server does not answer with the first.
    const keyFor = createKeyKeeper(() => crypto.randomUUID());
    expect(keyFor(online)).not.toBe(keyFor(custom));
  });

  it("sends the pickup slot only when one is chosen, and a new slot is a new order", () => {
    const details = { customerName: "Ada", phone: "", email: "" };
    const asap = orderRequestBody([line], details);
    expect(asap).not.toHaveProperty("pickupAt");
    const scheduled = orderRequestBody([line], { ...details, pickupAt: "2026-01-02T08:15:00.000Z" });
    expect(scheduled).toMatchObject({ pickupAt: "2026-01-02T08:15:00.000Z" });
    expect(placeOrderInputSchema.safeParse({ ...scheduled, idempotencyKey: newIdempotencyKey() }).success).toBe(true);
    const later = orderRequestBody([line], { ...details, pickupAt: "2026-01-02T08:30:00.000Z" });
    const keyFor = createKeyKeeper(() => crypto.randomUUID());
    expect(keyFor(scheduled)).not.toBe(keyFor(later));
    expect(keyFor(asap)).not.toBe(keyFor(scheduled));
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

  it("sends consent and the device id with a contact, and nothing extra without one", () => {
    const withContact = orderRequestBody([line], { customerName: "Ada", phone: "07700 900123", email: "", notifyConsent: true }, "device-0123456789abcdef");
    expect(withContact).toMatchObject({ phone: "07700 900123", notifyConsent: true, deviceId: "device-0123456789abcdef" });
    const without = orderRequestBody([line], { customerName: "Ada", phone: "", email: "", notifyConsent: true });
    expect(without).not.toHaveProperty("notifyConsent");
    expect(without).not.toHaveProperty("deviceId");
  });

  it("checks the details before sending", () => {
    const ok = { customerName: "Ada", phone: "", email: "", notifyConsent: false };
    expect(validateDetails(ok)).toEqual({});
    expect(validateDetails({ ...ok, customerName: "  " })).toHaveProperty("customerName");
    // Local and international numbers are both fine; the server normalises them.
    expect(validateDetails({ ...ok, phone: "07700 900123", notifyConsent: true })).toEqual({});
    expect(validateDetails({ ...ok, phone: "+1 (202) 555-0143", notifyConsent: true })).toEqual({});
    expect(validateDetails({ ...ok, phone: "12ab", notifyConsent: true })).toHaveProperty("phone");
    expect(validateDetails({ ...ok, phone: "123", notifyConsent: true })).toHaveProperty("phone");
    expect(validateDetails({ ...ok, email: "ada@", notifyConsent: true })).toHaveProperty("email");
    expect(validateDetails({ ...ok, email: "ada@example.com" })).toEqual({ notifyConsent: expect.stringMatching(/Tick the box/) });
  });

  it("puts the server's validation issues next to their fields and lines", () => {
    const { fields, lines } = parseIssues([
      { path: "phone", message: "phone is not a number we can text" },
      { path: ["email"], message: "email address is not valid" },
      { path: "items[1].note", message: "note is too long" },
      { path: "somethingElse", message: "ignored" },
      { path: "notifyConsent", message: 42 },
    ]);
    expect(fields).toEqual({ phone: "Phone is not a number we can text", email: "Email address is not valid" });
    expect(parseIssues([{ path: ["tip", "amount"], message: "tip.amount cannot be negative" }]).fields).toEqual({ tip: "The tip cannot be negative" });
    expect([...lines]).toEqual([[1, "Note is too long"]]);
  });

  it("explains each refusal", () => {
    const validation = checkoutFailure(400, { error: { code: "VALIDATION", message: "invalid", details: { issues: [{ path: "email", message: "bad" }] } } }, null);
    expect(validation).toMatchObject({ message: "Please check the highlighted details", fields: { email: "Bad" } });
    // A number the shop will not text (premium-rate, a landline, abroad): said at the phone field.
    const notMobile = checkoutFailure(400, { error: { code: "VALIDATION", message: "invalid", details: { issues: [{ path: "phone", message: mobileOnlyMessage(["US"]) }] } } }, null);
    expect(notMobile.fields).toEqual({ phone: "Please give a mobile number: we can only send texts to United States mobile numbers" });
    const tip = checkoutFailure(400, { error: { code: "VALIDATION", message: "the tip can be at most the price of the order", details: { field: "tip" } } }, null);
    expect(tip).toMatchObject({ message: "Please check the highlighted details", fields: { tip: "The tip can be at most the price of the order" } });
    const soldOut = checkoutFailure(409, { error: { code: "CONFLICT", message: "Caffè latte is sold out right now", details: { line: 0 } } }, null);
    expect([...soldOut.lines]).toEqual([[0, "Caffè latte is sold out right now"]]);
    expect(checkoutFailure(429, { error: { code: "RATE_LIMITED", message: "slow down" } }, "30").message).toBe("Too many orders from here just now. Please try again in 30 s.");
    expect(checkoutFailure(409, { error: { code: "AT_CAPACITY" } }, null).message).toBe("We're at capacity, try again in a few minutes");
    const paused = checkoutFailure(409, { error: { code: "STORE_PAUSED", message: "paused", details: { reopensAt: "2026-03-01T14:30:00.000Z" } } }, null);
    expect(paused).toMatchObject({ code: "STORE_PAUSED", reopensAt: "2026-03-01T14:30:00.000Z" });
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterSeconds("12")).toBe(12);
    expect(retryAfterSeconds(new Date(1_000_000 + 90_000).toUTCString(), 1_000_000)).toBe(90);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});
