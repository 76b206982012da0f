// Prices as the database keeps them: whole minor units of the store's currency (cents; yen
// for JPY). The editor parses what a manager types (components/menu-admin/price-input.ts).

/** The most an item or option may cost: 1,000.00 in a two-decimal currency, ¥100,000. */
export const MAX_PRICE_CENTS = 100_000;
