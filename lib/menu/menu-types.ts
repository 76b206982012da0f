// The menu as the order path prices it: an item with its option groups and options.
// Loaded by lib/menu/get-items-for-pricing.ts, priced by lib/orders/price-order.ts.

type MenuModifier = {
  id: string;
  name: string;
  priceDeltaCents: number;
  isDefault: boolean;
  available: boolean;
  /** Dietary/allergen flag ("Non-dairy"), shown on the kitchen ticket (the customer's menu type leaves it out). */
  flag?: string | null;
};
export type MenuGroup = { id: string; name: string; minSelect: number; maxSelect: number; modifiers: MenuModifier[] };
export type MenuItemForPricing = {
  id: string;
  name: string;
  basePriceCents: number;
  available: boolean;
  /** The category's kitchen station; null = not routed (the customer's menu type leaves it out). */
  station?: string | null;
  /** Seconds to make one (scheduled orders fire this long before pickup); null = the store's recent prep times. */
  prepSeconds?: number | null;
  groups: MenuGroup[];
};
