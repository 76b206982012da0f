import { describe, expect, it } from "vitest";
import { itemInputSchema, itemPatchSchema, optionPatchSchema } from "./menu-input.ts";

describe("menu input", () => {
  it("fills defaults when creating but never in an edit, so fields left out stay as they are", () => {
    expect(itemInputSchema.parse({ name: " Tea ", basePriceCents: 300, categoryId: "not-coffee" })).toEqual({
      name: "Tea",
      description: "",
      basePriceCents: 300,
      categoryId: "not-coffee",
      available: true,
      image: null,
      groupIds: [],
    });
    expect(itemPatchSchema.parse({ basePriceCents: 420 })).toEqual({ basePriceCents: 420 });
    expect(optionPatchSchema.parse({ isDefault: true })).toEqual({ isDefault: true });
  });

  it("refuses prices out of range or in fractions of a cent, and unknown fields", () => {
    for (const basePriceCents of [-1, 100_001, 4.5]) expect(itemPatchSchema.safeParse({ basePriceCents }).success, String(basePriceCents)).toBe(false);
    expect(optionPatchSchema.safeParse({ priceDeltaCents: -50 }).success).toBe(true);
    expect(itemPatchSchema.safeParse({ price: 4 }).success).toBe(false);
  });
});
