import type { MenuCategoryView } from "../../lib/menu/get-menu.ts";
import { NO_TIP, orderTotals, tipFromChoice, tipProblem, type TipChoice } from "../../lib/orders/order-totals.ts";

// Cart arithmetic for display only: the server prices every order again from the menu
// in Postgres. Kept pure so it can be unit-tested without a browser.

// The server's limits (lib/orders/order-input.ts), repeated here so the browser bundle
// does not pull in zod; a unit test keeps them equal.
export const MAX_QUANTITY = 10;
export const MAX_NOTE_LENGTH = 140;
export const MAX_NAME_LENGTH = 40;
export const MAX_CART_LINES = 20;

export type MenuItemView = MenuCategoryView["items"][number];
export type MenuGroupView = MenuItemView["groups"][number];
export type MenuCategory = Omit<MenuCategoryView, "items"> & { items: MenuItemView[] };

/** Chosen modifier ids per modifier group id. */
export type Selection = Record<string, string[]>;

export type CartLine = {
  key: string;
  menuItemId: string;
  name: string;
  quantity: number;
  modifierIds: string[];
  optionNames: string[];
  note: string;
  unitPriceCents: number;
};

/** Size and milk: exactly one, shown as radio buttons. Everything else is checkboxes. */
export const isSingleChoice = (group: Pick<MenuGroupView, "minSelect" | "maxSelect">) => group.minSelect >= 1 && group.maxSelect === 1;

/** At most one but none is fine (temperature): radio buttons plus a "no preference" choice. */
export const isOptionalChoice = (group: Pick<MenuGroupView, "minSelect" | "maxSelect">) => group.minSelect === 0 && group.maxSelect === 1;

export function defaultSelection(item: MenuItemView): Selection {
  const selection: Selection = {};
  for (const group of item.groups) {
    const available = group.modifiers.filter((m) => m.available);
    let picked = available.filter((m) => m.isDefault).slice(0, group.maxSelect);
    if (picked.length < group.minSelect) picked = available.slice(0, group.minSelect);
    selection[group.id] = picked.map((m) => m.id);
  }
  return selection;
}

export function selectionFromIds(item: MenuItemView, modifierIds: string[]): Selection {
  const chosen = new Set(modifierIds);
  const selection = defaultSelection(item);
  for (const group of item.groups) {
    const inGroup = group.modifiers.filter((m) => chosen.has(m.id)).map((m) => m.id);
    if (inGroup.length > 0 || group.minSelect === 0) selection[group.id] = inGroup.slice(0, group.maxSelect);
  }
  return selection;
}

/** Applies a tap on an option; a checkbox beyond the group's maximum is ignored. */
export function toggleModifier(item: MenuItemView, selection: Selection, groupId: string, modifierId: string, checked: boolean): Selection {
  const group = item.groups.find((g) => g.id === groupId);
  if (!group || !group.modifiers.some((m) => m.id === modifierId && m.available)) return selection;
  const current = selection[groupId] ?? [];
  if (isSingleChoice(group)) return { ...selection, [groupId]: [modifierId] };
  if (isOptionalChoice(group)) return { ...selection, [groupId]: checked ? [modifierId] : [] };
  if (!checked) return { ...selection, [groupId]: current.filter((id) => id !== modifierId) };
  if (current.includes(modifierId) || current.length >= group.maxSelect) return selection;
  // Keep the menu's order so the summary reads the same way every time.
  const next = group.modifiers.map((m) => m.id).filter((id) => id === modifierId || current.includes(id));
  return { ...selection, [groupId]: next };
}

function selectedModifiers(item: MenuItemView, selection: Selection) {
  return item.groups.flatMap((group) => group.modifiers.filter((m) => (selection[group.id] ?? []).includes(m.id)));
}

export function unitPriceCents(item: MenuItemView, selection: Selection): number {
  return item.basePriceCents + selectedModifiers(item, selection).reduce((sum, m) => sum + m.priceDeltaCents, 0);
}

/** The problem with a selection, in words for the customer; null when it can be ordered. */
export function selectionProblem(item: MenuItemView, selection: Selection): string | null {
  if (!item.available) return "Sold out";
  // An option can sell out while the sheet is open (live menu updates).
  const soldOut = selectedModifiers(item, selection).find((m) => !m.available);
  if (soldOut) return `${soldOut.name} sold out`;
  for (const group of item.groups) {
    const count = (selection[group.id] ?? []).length;
    if (count < group.minSelect) return `Choose a ${group.name.toLowerCase()}`;
    if (count > group.maxSelect) return `Choose at most ${group.maxSelect} ${group.name.toLowerCase()}`;
  }
  return null;
}

/** Identical drinks (same options and note) share one cart line. */
const lineKey = (menuItemId: string, modifierIds: string[], note: string) =>
  JSON.stringify([menuItemId, [...modifierIds].sort(), note.trim()]);

export function makeLine(item: MenuItemView, selection: Selection, quantity: number, note: string): CartLine {
  const modifiers = selectedModifiers(item, selection);
  const modifierIds = modifiers.map((m) => m.id);
  const trimmed = note.trim();
  return {
    key: lineKey(item.id, modifierIds, trimmed),
    menuItemId: item.id,
    name: item.name,
    quantity,
    modifierIds,
    optionNames: modifiers.map((m) => m.name),
    note: trimmed,
    unitPriceCents: unitPriceCents(item, selection),
  };
}

/** Adds a line, merging with an identical one; replaceKey swaps out the line being edited. */
export function addLine(lines: CartLine[], line: CartLine, maxQuantity: number, replaceKey?: string): CartLine[] {
  const rest = replaceKey ? lines.filter((l) => l.key !== replaceKey) : lines;
  const same = rest.find((l) => l.key === line.key);
  if (!same) {
    if (!replaceKey) return [...rest, line];
    const at = lines.findIndex((l) => l.key === replaceKey);
    const copy = [...rest];
    copy.splice(at < 0 ? copy.length : at, 0, line);
    return copy;
  }
  return rest.map((l) => (l.key === line.key ? { ...l, quantity: Math.min(maxQuantity, l.quantity + line.quantity) } : l));
}

export const cartTotalCents = (lines: CartLine[]) => lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
export const cartCount = (lines: CartLine[]) => lines.reduce((sum, l) => sum + l.quantity, 0);

export const itemsById = (menu: MenuCategory[]) => new Map(menu.flatMap((c) => c.items).map((i) => [i.id, i]));

/**
 * Why a line in the cart cannot be ordered as it is (the menu changed since it was
 * added, e.g. oat milk sold out), or null. The line is kept and flagged rather than
 * silently changed: the customer decides whether to edit or remove it.
 */
export function lineProblem(line: CartLine, item: MenuItemView | undefined): string | null {
  if (!item) return "No longer on the menu";
  if (!item.available) return "Sold out right now";
  const modifiers = new Map(item.groups.flatMap((g) => g.modifiers).map((m) => [m.id, m]));
  for (const id of line.modifierIds) {
    const m = modifiers.get(id);
    if (!m) return "Options changed: please edit";
    if (!m.available) return `${m.name} is sold out`;
  }
  return null;
}

/** The line at today's prices, or unchanged when it has a problem (shown instead). */
export function repriceLine(line: CartLine, item: MenuItemView | undefined): CartLine {
  if (!item || lineProblem(line, item)) return line;
  const chosen = new Set(line.modifierIds);
  const modifiers = item.groups.flatMap((g) => g.modifiers).filter((m) => chosen.has(m.id));
  const unit = item.basePriceCents + modifiers.reduce((sum, m) => sum + m.priceDeltaCents, 0);
  return { ...line, name: item.name, optionNames: modifiers.map((m) => m.name), unitPriceCents: unit };
}

export const repriceCart = (lines: CartLine[], menu: MenuCategory[]) => {
  const items = itemsById(menu);
  return lines.map((l) => repriceLine(l, items.get(l.menuItemId)));
};

/** What the cart needs to know of the store to estimate the tax; a null rate is not known yet (no tax line then). */
export type TaxSettings = { taxRateBasisPoints: number | null; pricesIncludeTax: boolean };

export type TotalsEstimate = { subtotalCents: number; taxCents: number; taxIncluded: boolean; tipCents: number; totalCents: number };

/**
 * The cart's figures before ordering, by the server's own rule (orderTotals): tax added
 * or included, tip on the menu prices. A tip the server would refuse (more than the
 * order) counts as none here; the checkout form says what is wrong with it.
 */
export function estimateTotals(lines: CartLine[], tax: TaxSettings, tip: TipChoice = NO_TIP): TotalsEstimate {
  const subtotal = cartTotalCents(lines);
  const tipCents = tipProblem({ subtotal, choice: tip }) === null ? tipFromChoice({ subtotal, choice: tip }) : 0;
  const totals = orderTotals({ subtotal, taxRateBasisPoints: tax.taxRateBasisPoints ?? 0, taxIncluded: tax.pricesIncludeTax, tip: tipCents });
  return { subtotalCents: totals.subtotal, taxCents: totals.tax, taxIncluded: tax.pricesIncludeTax, tipCents: totals.tip, totalCents: totals.total };
}
