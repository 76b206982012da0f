import type { KdsOption } from "./kitchen-types.ts";

// OrderItem.options is a JSON snapshot (lib/orders/price-order.ts PricedOption) whose
// fields grew over time: plain names in the oldest rows, then objects without isDefault
// and flag. Every generation must still render on the ticket.

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

export function kdsOptions(options: unknown): KdsOption[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((o): KdsOption[] => {
    if (typeof o === "string") return [{ name: o, group: null, nonDefault: false, flag: null }];
    if (!o || typeof o !== "object") return [];
    const { name, group, isDefault, flag } = o as Record<string, unknown>;
    if (typeof name !== "string") return [];
    // Only an explicit false is highlighted: rows from before isDefault was recorded are not.
    return [{ name, group: str(group), nonDefault: isDefault === false, flag: str(flag) }];
  });
}
