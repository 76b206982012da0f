import { AppError } from "../errors.ts";
import type { MenuItemForPricing } from "../menu/menu-types.ts";

// Pure pricing and validation of a cart against the menu, so it can be unit-tested
// without a database. The menu is loaded by the caller.

/** A cart line as validated by orderLineInputSchema (note optional so pure callers can omit it). */
export type CartLine = { menuItemId: string; quantity: number; modifierIds: string[]; note?: string | undefined };

/**
 * The snapshot kept in OrderItem.options. isDefault and flag were added later: rows
 * written before lack them (see lib/kitchen/kds-options.ts).
 */
type PricedOption = {
  groupId: string;
  group: string;
  modifierId: string;
  name: string;
  priceDeltaCents: number;
  isDefault: boolean;
  flag: string | null;
};
export type PricedLine = {
  menuItemId: string;
  name: string;
  station: string | null;
  quantity: number;
  unitPriceCents: number;
  options: PricedOption[];
  note: string | null;
};

export function priceLine(item: MenuItemForPricing | undefined, line: CartLine, index: number): PricedLine {
  const where = `item ${index + 1}`;
  if (!item) throw new AppError("VALIDATION", `${where}: that drink is not on the menu`, { line: index });
  if (!item.available) throw new AppError("CONFLICT", `${item.name} is sold out right now`, { line: index });

  const chosen = new Set(line.modifierIds);
  if (chosen.size !== line.modifierIds.length) {
    throw new AppError("VALIDATION", `${where}: an option was chosen twice`, { line: index });
  }
  const options: PricedOption[] = [];
  for (const group of item.groups) {
    let picked = group.modifiers.filter((m) => chosen.has(m.id));
    picked.forEach((m) => chosen.delete(m.id));
    // A required single choice left out (e.g. size) falls back to the menu's default.
    if (picked.length === 0 && group.minSelect > 0) picked = group.modifiers.filter((m) => m.isDefault).slice(0, group.maxSelect);
    if (picked.length < group.minSelect) {
      throw new AppError("VALIDATION", `${item.name}: please choose a ${group.name.toLowerCase()}`, { line: index });
    }
    if (picked.length > group.maxSelect) {
      throw new AppError("VALIDATION", `${item.name}: choose at most ${group.maxSelect} ${group.name.toLowerCase()}`, { line: index });
    }
    for (const m of picked) {
      if (!m.available) throw new AppError("CONFLICT", `${item.name}: ${m.name} is sold out right now`, { line: index });
      options.push({
        groupId: group.id,
        group: group.name,
        modifierId: m.id,
        name: m.name,
        priceDeltaCents: m.priceDeltaCents,
        isDefault: m.isDefault,
        flag: m.flag ?? null,
      });
    }
  }
  if (chosen.size > 0) {
    throw new AppError("VALIDATION", `${item.name}: that option does not belong to this drink`, { line: index });
  }
  const unitPriceCents = item.basePriceCents + options.reduce((sum, o) => sum + o.priceDeltaCents, 0);
  return {
    menuItemId: item.id,
    name: item.name,
    station: item.station ?? null,
    quantity: line.quantity,
    unitPriceCents,
    options,
    note: line.note ?? null,
  };
}

export function priceCart(menu: Map<string, MenuItemForPricing>, lines: CartLine[]) {
  const priced = lines.map((line, i) => priceLine(menu.get(line.menuItemId), line, i));
  const totalCents = priced.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  return { lines: priced, totalCents };
}
