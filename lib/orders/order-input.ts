import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";

// What a customer (or a retried request) may send to place an order. Prices are not
// part of it: the server computes them from the menu in Postgres.

export const MAX_CART_LINES = 20;
export const MAX_QUANTITY = 10;
export const MAX_NOTE_LENGTH = 140;

// Control characters, lone surrogates and the non-characters U+FFFE/U+FFFF: Postgres
// cannot store NUL (the insert would fail as a 500), and SQS refuses the others, which
// would strand the order in the outbox. Emoji, RTL text and combining marks are fine.
const UNSAFE_TEXT = /[\p{Cc}\p{Cs}\uFFFE\uFFFF]/u;

/** Trimmed text of at most max characters that Postgres and SQS can both carry. */
export const trimmed = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((v) => !UNSAFE_TEXT.test(v), `${label} contains characters we cannot accept`);

// Menu ids are slugs (lib/menu/cafe-menu.ts); anything else cannot be on the menu.
const menuId = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, `${label} is not a menu id`);

export const orderLineInputSchema = z.strictObject({
  menuItemId: menuId("menuItemId"),
  quantity: z
    .number({ error: "quantity must be a number" })
    .int("quantity must be a whole number")
    .min(1, "quantity must be at least 1")
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
  modifierIds: z.array(menuId("option")).max(12, "too many options on one drink").default([]),
  note: trimmed(MAX_NOTE_LENGTH, "note").optional().transform((v) => v || undefined),
});

export const NOTIFY_CONSENT_MESSAGE = "please confirm we may text or email you when your order is ready";

// Customers type numbers the way they know them ("(415) 555-2671", "07911 123456",
// "+44 7911 123456"); numbers without a country code are read as the store's country.
// The stored form is E.164, which SMS providers expect.
const phoneSchema = (region: CountryCode) =>
  z
    .string({ error: "phone must be text" })
    .trim()
    .max(32, "phone number is too long")
    .transform((raw, ctx) => {
      const parsed = UNSAFE_TEXT.test(raw) ? undefined : parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
      if (parsed?.isValid()) return parsed.number;
      ctx.addIssue({
        code: "custom",
        message: `that phone number is not valid; for a number outside ${region}, start with + and the country code, e.g. +44 7911 123456`,
      });
      return z.NEVER;
    });

/** The customer's fields of an order; the web order adds a device id, a walk-up order does not. */
export const orderFieldsFor = (region: CountryCode) => ({
  idempotencyKey: z
    .string({ error: "idempotencyKey is required" })
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "idempotencyKey must be 16–100 letters, digits, - or _"),
  customerName: trimmed(40, "name").min(1, "please tell us your name"),
  phone: z.preprocess((v) => (v === "" || v === null ? undefined : v), phoneSchema(region).optional()),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v === null ? undefined : v),
    z.email("email address is not valid").max(254).optional(),
  ),
  /** Consent to be texted or emailed when the order is ready; required with a phone or email. */
  notifyConsent: z.boolean({ error: "notifyConsent must be true or false" }).optional(),
  items: z
    .array(orderLineInputSchema, { error: "items must be a list" })
    .min(1, "your order is empty")
    .max(MAX_CART_LINES, `at most ${MAX_CART_LINES} lines per order`),
});

/** Contact details may only be used with the customer's consent. */
export function requireNotifyConsent(
  order: { phone?: string | undefined; email?: string | undefined; notifyConsent?: boolean | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((order.phone !== undefined || order.email !== undefined) && order.notifyConsent !== true) {
    ctx.addIssue({ code: "custom", path: ["notifyConsent"], message: NOTIFY_CONSENT_MESSAGE });
  }
}

const makeSchema = (region: CountryCode) =>
  z
    .strictObject({
      ...orderFieldsFor(region),
      /** A random id the browser keeps, so customers sharing a network are rate-limited apart. */
      deviceId: z
        .string({ error: "deviceId must be text" })
        .regex(/^[A-Za-z0-9_-]{16,64}$/, "deviceId must be 16–64 letters, digits, - or _")
        .optional(),
    })
    .superRefine(requireNotifyConsent);

const schemas = new Map<CountryCode, ReturnType<typeof makeSchema>>();

/** STORE_PHONE_REGION as a country code libphonenumber knows; throws for anything else. */
export function phoneRegion(region: string): CountryCode {
  const code = region.toUpperCase() as CountryCode;
  if (!isSupportedCountry(code)) throw new Error(`unsupported phone region ${region}`);
  return code;
}

/** The order schema for a store whose local phone numbers are in `region` (STORE_PHONE_REGION). */
export function placeOrderInputSchemaFor(region: string): ReturnType<typeof makeSchema> {
  const code = phoneRegion(region);
  let schema = schemas.get(code);
  if (!schema) {
    schema = makeSchema(code);
    schemas.set(code, schema);
  }
  return schema;
}

/** For a US store (the configuration's default); the route uses the configured region. */
export const placeOrderInputSchema = placeOrderInputSchemaFor("US");

export type PlaceOrderInput = z.infer<typeof placeOrderInputSchema>;
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;
