import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import type { MenuItemForPricing } from "../menu/menu-types.ts";
import { priceCart, priceLine } from "./price-order.ts";

const latte: MenuItemForPricing = {
  id: "latte",
  name: "Caffè latte",
  basePriceCents: 400,
  available: true,
  station: "Espresso bar",
  groups: [
    {
      id: "size",
      name: "Size",
      minSelect: 1,
      maxSelect: 1,
      modifiers: [
        { id: "s", name: "Small", priceDeltaCents: 0, isDefault: true, available: true, flag: null },
        { id: "l", name: "Large", priceDeltaCents: 90, isDefault: false, available: true, flag: null },
      ],
    },
    {
      id: "syrup",
      name: "Syrup",
      minSelect: 0,
      maxSelect: 2,
      modifiers: [
        { id: "v", name: "Vanilla", priceDeltaCents: 50, isDefault: false, available: true, flag: null },
        { id: "c", name: "Caramel", priceDeltaCents: 50, isDefault: false, available: true, flag: null },
        { id: "h", name: "Hazelnut", priceDeltaCents: 50, isDefault: false, available: false, flag: "Tree nut" },
      ],
    },
  ],
};
const menu = new Map([[latte.id, latte]]);
const line = (modifierIds: string[], quantity = 1) => ({ menuItemId: "latte", quantity, modifierIds });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return undefined;
}

describe("priceLine", () => {
  it("adds option prices to the base price and applies the default size", () => {
    const priced = priceLine(latte, line(["v", "c"]), 0);
    expect(priced.unitPriceCents).toBe(400 + 50 + 50);
    expect(priced.options.map((o) => o.name)).toEqual(["Small", "Vanilla", "Caramel"]);
  });

  it("snapshots the station, and for each option its group, whether it is the default and its dietary flag", () => {
    const priced = priceLine(latte, line(["v"]), 0);
    expect(priced.station).toBe("Espresso bar");
    expect(priced.options).toEqual([
      { groupId: "size", group: "Size", modifierId: "s", name: "Small", priceDeltaCents: 0, isDefault: true, flag: null },
      { groupId: "syrup", group: "Syrup", modifierId: "v", name: "Vanilla", priceDeltaCents: 50, isDefault: false, flag: null },
    ]);
  });

  it("uses the chosen size instead of the default", () => {
    expect(priceLine(latte, line(["l"]), 0).unitPriceCents).toBe(490);
  });

  it("refuses two choices in a single-choice group", () => {
    expect(codeOf(() => priceLine(latte, line(["s", "l"]), 0))).toMatch(/^VALIDATION: .*at most 1 size/);
  });

  it("refuses an option that belongs to no group of the item", () => {
    expect(codeOf(() => priceLine(latte, line(["oat"]), 0))).toMatch(/^VALIDATION: .*does not belong/);
  });

  it("refuses the same option twice", () => {
    expect(codeOf(() => priceLine(latte, line(["v", "v"]), 0))).toMatch(/^VALIDATION: .*chosen twice/);
  });

  it("refuses sold-out items and options with a conflict", () => {
    expect(codeOf(() => priceLine({ ...latte, available: false }, line([]), 0))).toBe("CONFLICT: Caffè latte is sold out right now");
    expect(codeOf(() => priceLine(latte, line(["h"]), 0))).toMatch(/^CONFLICT: .*Hazelnut is sold out/);
  });

  it("refuses an unknown item", () => {
    expect(codeOf(() => priceLine(undefined, line([]), 2))).toBe("VALIDATION: item 3: that drink is not on the menu");
  });
});

describe("priceCart", () => {
  it("multiplies by quantity and sums the lines", () => {
    const { totalCents, lines } = priceCart(menu, [line(["l"], 2), line([], 1)]);
    expect(lines).toHaveLength(2);
    expect(totalCents).toBe(490 * 2 + 400);
  });
});
