import type { MenuItemView } from "./menu-math.ts";

// A small menu for the unit tests of the ordering components (not used by the app).

export const mod = (id: string, priceDeltaCents = 0, isDefault = false, available = true) => ({ id, name: id, priceDeltaCents, isDefault, available });

/** A latte (400 cents) with the given option groups. */
export const testLatte = (groups: MenuItemView["groups"]): MenuItemView => ({
  id: "latte",
  name: "Caffè latte",
  description: "",
  basePriceCents: 400,
  available: true,
  image: null,
  groups,
});
