import { MAX_CART_LINES, MAX_NOTE_LENGTH, MAX_QUANTITY, repriceCart, type CartLine, type MenuCategory } from "./menu-math.ts";

// The cart lives in localStorage so it survives a reload, a closed tab and the phone
// locking while the customer queues. What is read back is untrusted (another version of
// the app, a hand edit), so every field is checked and the lines are re-priced against
// the live menu.

export const CART_STORAGE_KEY = "brewline.cart.v2";

type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const isString = (v: unknown): v is string => typeof v === "string";

/** One saved line, or null when it is not a line this version understands. */
function parseLine(raw: unknown): CartLine | null {
  if (!raw || typeof raw !== "object") return null;
  const l = raw as Record<string, unknown>;
  if (!isString(l.key) || !isString(l.menuItemId) || !isString(l.name)) return null;
  if (!Array.isArray(l.modifierIds) || !l.modifierIds.every(isString)) return null;
  const quantity = Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(Number(l.quantity)) || 1));
  return {
    key: l.key,
    menuItemId: l.menuItemId,
    name: l.name,
    quantity,
    modifierIds: l.modifierIds,
    optionNames: Array.isArray(l.optionNames) ? l.optionNames.filter(isString) : [],
    note: isString(l.note) ? l.note.slice(0, MAX_NOTE_LENGTH) : "",
    unitPriceCents: Number.isInteger(l.unitPriceCents) ? (l.unitPriceCents as number) : 0,
  };
}

export function parseSavedCart(json: string | null): CartLine[] {
  if (!json) return [];
  try {
    const saved: unknown = JSON.parse(json);
    if (!Array.isArray(saved)) return [];
    return saved.slice(0, MAX_CART_LINES).flatMap((raw) => parseLine(raw) ?? []);
  } catch {
    return [];
  }
}

/** Storage can throw (Safari private mode, quota, disabled cookies): the cart then lives in memory only. */
export function loadCart(storage: KeyValueStore | undefined, menu: MenuCategory[]): CartLine[] {
  try {
    return repriceCart(parseSavedCart(storage?.getItem(CART_STORAGE_KEY) ?? null), menu);
  } catch {
    return [];
  }
}

export function saveCart(storage: KeyValueStore | undefined, lines: CartLine[]): void {
  try {
    if (lines.length === 0) storage?.removeItem(CART_STORAGE_KEY);
    else storage?.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
  } catch {
    // Full or blocked storage: keep working with the cart in memory.
  }
}
