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
      prepSeconds: null,
    });
    expect(itemPatchSchema.parse({ basePriceCents: 420 })).toEqual({ basePriceCents: 420 });
    expect(optionPatchSchema.parse({ isDefault: true })).toEqual({ isDefault: true });
  });

  it("refuses prices out of range or in fractions of a cent, and unknown fields", () => {
    for (const basePriceCents of [-1, 100_001, 4.5]) expect(itemPatchSchema.safeParse({ basePriceCents }).success, String(basePriceCents)).toBe(false);
    expect(optionPatchSchema.safeParse({ priceDeltaCents: -50 }).success).toBe(true);
    expect(itemPatchSchema.safeParse({ price: 4 }).success).toBe(false);
  });

  it("takes a prep time of 10 s to 1 hour in whole seconds, or null for automatic", () => {
    expect(itemPatchSchema.parse({ prepSeconds: 90 })).toEqual({ prepSeconds: 90 });
    expect(itemPatchSchema.parse({ prepSeconds: null })).toEqual({ prepSeconds: null });
    expect(itemPatchSchema.parse({ prepSeconds: 3600 })).toEqual({ prepSeconds: 3600 });
    const refused = (prepSeconds: unknown) => itemPatchSchema.safeParse({ prepSeconds }).error?.issues[0]?.message;
    expect(refused(5)).toBe("prep time must be at least 10 seconds (0:10), or null for automatic");
    expect(refused(3601)).toBe("prep time must be at most 3600 seconds (60:00)");
    expect(refused(90.5)).toBe("prep time must be a whole number of seconds");
    expect(refused("1:30")).toBe("prep time must be a number of seconds, or null for automatic");
  });
});
