import { z } from "zod";
import { trimmed } from "../orders/order-input.ts";
import { minorUnitsToDecimal } from "../money/money-format.ts";
import { storeMoneyFromEnv } from "../money/store-money.ts";
import { formatPrepTime, MAX_PREP_SECONDS, MIN_PREP_SECONDS } from "./prep-time-input.ts";
import { MAX_PRICE_CENTS } from "./price.ts";

// What a manager may send to change the menu. Prices are whole minor units of the store's
// currency (the editor parses "4.20" or "450" with parsePriceInput); ids are the menu's slugs.

/** A limit in the store's currency for a message, worked out when the message is shown. */
const major = (minor: number) => minorUnitsToDecimal(minor, storeMoneyFromEnv().digits);

export const menuIdSchema = z.string({ error: "id must be text" }).regex(/^[A-Za-z0-9_.:-]{1,64}$/, "not a menu id");

const name = (max: number) => trimmed(max, "name").min(1, "please give it a name");
const optionalText = (max: number, label: string) => trimmed(max, label).transform((v) => (v === "" ? null : v));

const cents = (min: number, label: string) =>
  z
    .number({ error: `${label} must be a number of minor units (cents)` })
    .int(`${label} must be a whole number of minor units (cents)`)
    .min(min, { error: () => (min === 0 ? `${label} cannot be negative` : `${label} must be at least ${major(min)}`) })
    .max(MAX_PRICE_CENTS, { error: () => `${label} must be at most ${major(MAX_PRICE_CENTS)}` });

/**
 * An illustration shipped under public/menu, or an uploaded image served by
 * /api/menu-images (content-addressed names only, so no path can be smuggled in).
 */
export const MENU_IMAGE_URL = /^(\/menu\/[a-z0-9-]{1,40}\.svg|\/api\/menu-images\/[a-f0-9]{32}\.(png|jpg|webp))$/;
const imageUrlSchema = z.string().regex(MENU_IMAGE_URL, "image must be one of the menu's illustrations or an uploaded image");

// Fields without defaults: an edit sends only what changed, and a default inside
// .partial() would still fill in (and overwrite) every field left out.
const categoryFields = z.strictObject({
  name: name(60),
  /** Kitchen station its drinks go to; empty = not routed. */
  station: optionalText(60, "station").nullable(),
});

/** Seconds of work before pickup; null = automatic (the store's recent prep times). */
const prepSecondsSchema = z
  .number({ error: "prep time must be a number of seconds, or null for automatic" })
  .int("prep time must be a whole number of seconds")
  .min(MIN_PREP_SECONDS, `prep time must be at least ${MIN_PREP_SECONDS} seconds (${formatPrepTime(MIN_PREP_SECONDS)}), or null for automatic`)
  .max(MAX_PREP_SECONDS, `prep time must be at most ${MAX_PREP_SECONDS} seconds (${formatPrepTime(MAX_PREP_SECONDS)})`)
  .nullable();

const itemFields = z.strictObject({
  name: name(80),
  description: trimmed(300, "description"),
  basePriceCents: cents(0, "price"),
  categoryId: menuIdSchema,
  available: z.boolean(),
  image: imageUrlSchema.nullable(),
  groupIds: z.array(menuIdSchema).max(20, "at most 20 option groups"),
  prepSeconds: prepSecondsSchema,
});

const groupFields = z.strictObject({
  name: name(60),
  minSelect: z.number().int().min(0, "at least 0").max(10, "at most 10"),
  maxSelect: z.number().int().min(1, "at least 1").max(10, "at most 10"),
});

const optionFields = z.strictObject({
  groupId: menuIdSchema,
  name: name(60),
  priceDeltaCents: cents(-MAX_PRICE_CENTS, "price difference"),
  isDefault: z.boolean(),
  available: z.boolean(),
  dietaryFlag: optionalText(40, "dietary flag").nullable(),
});

export const categoryInputSchema = categoryFields.extend({ station: categoryFields.shape.station.default(null) });
export const itemInputSchema = itemFields.extend({
  description: itemFields.shape.description.default(""),
  available: itemFields.shape.available.default(true),
  image: itemFields.shape.image.default(null),
  groupIds: itemFields.shape.groupIds.default([]),
  prepSeconds: itemFields.shape.prepSeconds.default(null),
});
export const groupInputSchema = groupFields.extend({ minSelect: groupFields.shape.minSelect.default(0), maxSelect: groupFields.shape.maxSelect.default(1) });
export const optionInputSchema = optionFields.extend({
  priceDeltaCents: optionFields.shape.priceDeltaCents.default(0),
  isDefault: optionFields.shape.isDefault.default(false),
  available: optionFields.shape.available.default(true),
  dietaryFlag: optionFields.shape.dietaryFlag.default(null),
});

export const categoryPatchSchema = categoryFields.partial();
export const itemPatchSchema = itemFields.partial();
export const groupPatchSchema = groupFields.partial();
export const optionPatchSchema = optionFields.omit({ groupId: true }).partial();

export const availabilityInputSchema = z.strictObject({
  kind: z.enum(["item", "option"]),
  id: menuIdSchema,
  available: z.boolean({ error: "available must be true or false" }),
});

const MENU_KINDS = ["category", "item", "group", "option"] as const;
export type MenuKind = (typeof MENU_KINDS)[number];

export const reorderInputSchema = z.strictObject({
  kind: z.enum(MENU_KINDS),
  ids: z
    .array(menuIdSchema)
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, "ids must not repeat"),
});

export type CategoryInput = z.input<typeof categoryInputSchema>;
export type ItemInput = z.input<typeof itemInputSchema>;
export type GroupInput = z.input<typeof groupInputSchema>;
export type OptionInput = z.input<typeof optionInputSchema>;
