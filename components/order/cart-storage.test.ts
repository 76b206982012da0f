import { describe, expect, it } from "vitest";
import { CART_STORAGE_KEY, loadCart, parseSavedCart, saveCart } from "./cart-storage.ts";
import { defaultSelection, makeLine, type MenuCategory, type MenuItemView } from "./menu-math.ts";
import { mod, testLatte } from "./test-menu.ts";

const latte = testLatte([{ id: "milk", name: "Milk", minSelect: 1, maxSelect: 1, modifiers: [mod("milk-whole", 0, true), mod("milk-oat", 60)] }]);
const menu = (item: MenuItemView = latte): MenuCategory[] => [{ id: "c", name: "Coffee", items: [item] }];

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe("cart storage", () => {
  it("round-trips a cart and re-prices it against today's menu", () => {
    const storage = memoryStorage();
    const line = makeLine(latte, { milk: ["milk-oat"] }, 2, "hot");
    saveCart(storage, [line]);
    const dearer = { ...latte, basePriceCents: 450 };
    const [restored] = loadCart(storage, menu(dearer));
    expect(restored).toMatchObject({ key: line.key, quantity: 2, note: "hot", unitPriceCents: 510, optionNames: ["milk-oat"] });
  });

  it("keeps a line whose drink sold out, unchanged, so the cart can flag it", () => {
    const storage = memoryStorage();
    const line = makeLine(latte, defaultSelection(latte), 1, "");
    saveCart(storage, [line]);
    expect(loadCart(storage, menu({ ...latte, available: false }))).toEqual([line]);
  });

  it("removes the key for an empty cart", () => {
    const storage = memoryStorage({ [CART_STORAGE_KEY]: "[]" });
    saveCart(storage, []);
    expect(storage.data.has(CART_STORAGE_KEY)).toBe(false);
  });

  it("ignores garbage and clamps what it keeps", () => {
    expect(parseSavedCart("not json")).toEqual([]);
    expect(parseSavedCart('{"a":1}')).toEqual([]);
    const parsed = parseSavedCart(
      JSON.stringify([{ key: "k", menuItemId: "latte", name: "L", quantity: 99, modifierIds: ["milk-oat"], note: "x".repeat(500) }, { key: 1 }, null]),
    );
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.quantity).toBe(10);
    expect(parsed[0]!.note).toHaveLength(140);
  });

  it("works without storage, or with storage that throws", () => {
    const throwing = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => undefined,
    };
    expect(loadCart(undefined, menu())).toEqual([]);
    expect(loadCart(throwing, menu())).toEqual([]);
    expect(() => saveCart(throwing, [makeLine(latte, defaultSelection(latte), 1, "")])).not.toThrow();
  });
});
