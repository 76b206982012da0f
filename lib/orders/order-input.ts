// Full metadata: telling a mobile from a premium-rate or landline number needs the
// number-type patterns the default (min) metadata leaves out. It adds ~150 kB, which is
// why no client component imports this file (components/order/menu-math.ts repeats the
// limits the browser needs).
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from "libphonenumber-js/max";
import { z } from "zod";
import { tipChoiceSchema } from "./tip-choice.ts";

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

const orderLineInputSchema = z.strictObject({
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

/** Which numbers the store takes: local ones are read in `region`; texts go only to mobiles in `smsCountries`. */
export type PhoneRules = { region: CountryCode; smsCountries: readonly CountryCode[] };

// Texts are what cost money and carry the shop's name: premium-rate, shared-cost and
// toll-free numbers, landlines, VoIP and pagers are either abuse (a premium number earns
// its owner per text) or cannot receive a text anyway. US numbers are mostly
// FIXED_LINE_OR_MOBILE (the plan does not tell them apart), so that type is a mobile here.
const TEXTABLE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(["MOBILE", "FIXED_LINE_OR_MOBILE"]);

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "United States", "United States or United Kingdom", "Canada, United States or Mexico". */
function namesOf(countries: readonly CountryCode[]): string {
  const names = countries.map((c) => countryNames.of(c) ?? c);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

export const mobileOnlyMessage = (smsCountries: readonly CountryCode[]) =>
  `please give a mobile number: we can only send texts to ${namesOf(smsCountries)} mobile numbers`;

// Customers type numbers the way they know them ("(415) 555-2671", "07911 123456",
// "+44 7911 123456"); numbers without a country code are read as the store's country.
// The stored form is E.164, which SMS providers expect.
const phoneSchema = ({ region, smsCountries }: PhoneRules) =>
  z
    .string({ error: "phone must be text" })
    .trim()
    .max(32, "phone number is too long")
    .transform((raw, ctx) => {
      const parsed = UNSAFE_TEXT.test(raw) ? undefined : parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
      if (!parsed?.isValid()) {
        // Hinting at international numbers only where the shop texts them.
        const hint = smsCountries.some((c) => c !== region)
          ? `for a number outside ${region}, start with + and the country code`
          : `please give a ${namesOf(smsCountries)} mobile number`;
        ctx.addIssue({ code: "custom", message: `that phone number is not valid; ${hint}` });
        return z.NEVER;
      }
      // The country, not the calling code: +1 is also Jamaica and the Dominican Republic,
      // +44 also Guernsey and Jersey, each priced (and abused) on its own.
      const type = parsed.getType();
      if (!parsed.country || !smsCountries.includes(parsed.country) || !type || !TEXTABLE_TYPES.has(type)) {
        ctx.addIssue({ code: "custom", message: mobileOnlyMessage(smsCountries) });
        return z.NEVER;
      }
      return parsed.number;
    });

/** An instant, as the canonical ISO string (so a retry hashes the same however it was written). */
const pickupAtSchema = z.iso
  .datetime({ offset: true, error: "pickupAt must be a date and time such as 2026-12-06T08:15:00Z" })
  .transform((v) => new Date(v).toISOString());

/** The customer's fields of an order; the web order adds a device id, a walk-up order does not. */
export const orderFieldsFor = (rules: PhoneRules) => ({
  idempotencyKey: z
    .string({ error: "idempotencyKey is required" })
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "idempotencyKey must be 16–100 letters, digits, - or _"),
  customerName: trimmed(40, "name").min(1, "please tell us your name"),
  phone: z.preprocess((v) => (v === "" || v === null ? undefined : v), phoneSchema(rules).optional()),
  // Lower case: "Ada@X.com" and "ada@x.com" are one inbox, and one recipient to the
  // notifier's daily limit (no mail provider in use treats the local part's case).
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v === null ? undefined : v),
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

const makeSchema = (rules: PhoneRules) =>
  z
    .strictObject({
      ...orderFieldsFor(rules),
      /** A random id the browser keeps, so customers sharing a network are rate-limited apart. */
      deviceId: z
        .string({ error: "deviceId must be text" })
        .regex(/^[A-Za-z0-9_-]{16,64}$/, "deviceId must be 16–64 letters, digits, - or _")
        .optional(),
      /** "online": pay now through the store's payment provider (hosted checkout); default at pickup. */
      payment: z.enum(["online", "at_pickup"], { error: 'payment must be "online" or "at_pickup"' }).optional(),
      /** A tip on an online payment: a percentage of the items' prices or an amount in minor units. */
      tip: tipChoiceSchema.optional(),
      /** Start of the pickup slot the order is for (GET /api/store/slots); absent = as soon as possible. */
      pickupAt: pickupAtSchema.optional(),
    })
    .superRefine(requireNotifyConsent);

/** STORE_PHONE_REGION as a country code libphonenumber knows; throws for anything else. */
function phoneRegion(region: string): CountryCode {
  const code = region.toUpperCase() as CountryCode;
  if (!isSupportedCountry(code)) throw new Error(`unsupported phone region ${region}`);
  return code;
}

export type PhoneSettings = {
  /** STORE_PHONE_REGION. */
  region: string;
  /** SMS_ALLOWED_COUNTRIES; the store's own region when not given. */
  smsCountries?: readonly string[] | undefined;
};

/** A route's phone settings from the configuration. */
export const phoneSettingsOf = (config: { STORE_PHONE_REGION: string; SMS_ALLOWED_COUNTRIES: readonly string[] }): PhoneSettings => ({
  region: config.STORE_PHONE_REGION,
  smsCountries: config.SMS_ALLOWED_COUNTRIES,
});

/** Validated rules and a cache key for them; the schema of a configuration is built once. */
export function phoneRules({ region, smsCountries }: PhoneSettings): PhoneRules & { key: string } {
  const rules = { region: phoneRegion(region), smsCountries: (smsCountries ?? [region]).map(phoneRegion) };
  return { ...rules, key: `${rules.region}:${rules.smsCountries.join(",")}` };
}

const schemas = new Map<string, ReturnType<typeof makeSchema>>();

/** The order schema for a store's phone settings (STORE_PHONE_REGION, SMS_ALLOWED_COUNTRIES). */
export function placeOrderInputSchemaFor(settings: PhoneSettings): ReturnType<typeof makeSchema> {
  const rules = phoneRules(settings);
  let schema = schemas.get(rules.key);
  if (!schema) {
    schema = makeSchema(rules);
    schemas.set(rules.key, schema);
  }
  return schema;
}

/** For a US store texting US numbers only (the configuration's defaults); routes use the configured settings. */
export const placeOrderInputSchema = placeOrderInputSchemaFor({ region: "US" });

export type PlaceOrderInput = z.infer<typeof placeOrderInputSchema>;
