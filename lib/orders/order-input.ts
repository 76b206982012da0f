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

const trimmed = (max: number, label: string) =>
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

const phoneSchema = z
  .string({ error: "phone must be text" })
  .trim()
  .max(32, "phone number is too long")
  .transform((raw) => raw.replace(/[\s().-]/g, ""))
  .refine((v) => /^\+[1-9]\d{6,14}$/.test(v), "phone must be an international number starting with + and the country code, e.g. +44 7700 900123");

export const placeOrderInputSchema = z.strictObject({
  idempotencyKey: z
    .string({ error: "idempotencyKey is required" })
    .regex(/^[A-Za-z0-9_-]{16,100}$/, "idempotencyKey must be 16–100 letters, digits, - or _"),
  customerName: trimmed(40, "name").min(1, "please tell us your name"),
  phone: z.preprocess((v) => (v === "" || v === null ? undefined : v), phoneSchema.optional()),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v === null ? undefined : v),
    z.email("email address is not valid").max(254).optional(),
  ),
  items: z
    .array(orderLineInputSchema, { error: "items must be a list" })
    .min(1, "your order is empty")
    .max(MAX_CART_LINES, `at most ${MAX_CART_LINES} lines per order`),
});

export type PlaceOrderInput = z.infer<typeof placeOrderInputSchema>;
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;
