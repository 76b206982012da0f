import { describe, expect, it } from "vitest";
import * as serverLimits from "../../lib/orders/order-input.ts";
import {
  MAX_CART_LINES,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_QUANTITY,
  addLine,
  cartTotalCents,
  defaultSelection,
  estimateTotals,
  lineProblem,
  makeLine,
  repriceLine,
  selectionFromIds,
  selectionProblem,
  toggleModifier,
  unitPriceCents,
} from "./menu-math.ts";
import { mod, testLatte } from "./test-menu.ts";

const latte = testLatte([
  { id: "size", name: "Size", minSelect: 1, maxSelect: 1, modifiers: [mod("size-small", 0, true), mod("size-large", 90)] },
  { id: "milk", name: "Milk", minSelect: 1, maxSelect: 1, modifiers: [mod("milk-whole", 0, true), mod("milk-oat", 60)] },
  { id: "syrup", name: "Syrup", minSelect: 0, maxSelect: 2, modifiers: [mod("vanilla", 50), mod("caramel", 50), mod("hazelnut", 50, false, false)] },
]);

describe("menu math", () => {
  it("uses the same limits as the server", () => {
    expect(MAX_QUANTITY).toBe(serverLimits.MAX_QUANTITY);
    expect(MAX_NOTE_LENGTH).toBe(serverLimits.MAX_NOTE_LENGTH);
    expect(MAX_CART_LINES).toBe(serverLimits.MAX_CART_LINES);
    expect(serverLimits.placeOrderInputSchema.shape.customerName.safeParse("x".repeat(MAX_NAME_LENGTH)).success).toBe(true);
    expect(serverLimits.placeOrderInputSchema.shape.customerName.safeParse("x".repeat(MAX_NAME_LENGTH + 1)).success).toBe(false);
  });

  it("preselects the defaults of required single choices and nothing optional", () => {
    expect(defaultSelection(latte)).toEqual({ size: ["size-small"], milk: ["milk-whole"], syrup: [] });
    expect(unitPriceCents(latte, defaultSelection(latte))).toBe(400);
  });

  it("falls back to the first available option when a required group has no default", () => {
    const item = { ...latte, groups: [{ ...latte.groups[0]!, modifiers: [mod("a", 0, false, false), mod("b", 10)] }] };
    expect(defaultSelection(item)).toEqual({ size: ["b"] });
  });

  it("replaces a single choice and caps checkboxes at maxSelect", () => {
    let s = defaultSelection(latte);
    s = toggleModifier(latte, s, "size", "size-large", true);
    expect(s.size).toEqual(["size-large"]);
    s = toggleModifier(latte, s, "syrup", "caramel", true);
    s = toggleModifier(latte, s, "syrup", "vanilla", true);
    expect(s.syrup).toEqual(["vanilla", "caramel"]);
    // A third syrup is over the limit of 2, and a sold-out one can never be picked.
    expect(toggleModifier(latte, s, "syrup", "hazelnut", true)).toBe(s);
    s = toggleModifier(latte, s, "syrup", "vanilla", false);
    expect(s.syrup).toEqual(["caramel"]);
    expect(unitPriceCents(latte, s)).toBe(400 + 90 + 50);
  });

  it("explains what is missing", () => {
    expect(selectionProblem(latte, defaultSelection(latte))).toBeNull();
    expect(selectionProblem(latte, { ...defaultSelection(latte), size: [] })).toBe("Choose a size");
  });

  it("rebuilds a selection from a cart line's ids", () => {
    expect(selectionFromIds(latte, ["size-large", "caramel"])).toEqual({ size: ["size-large"], milk: ["milk-whole"], syrup: ["caramel"] });
  });

  it("merges identical lines, keeps different ones apart, and totals", () => {
    const plain = makeLine(latte, defaultSelection(latte), 1, "");
    const oat = makeLine(latte, toggleModifier(latte, defaultSelection(latte), "milk", "milk-oat", true), 2, " extra hot ");
    expect(oat.note).toBe("extra hot");
    let lines = addLine([], plain, 10);
    lines = addLine(lines, plain, 10);
    lines = addLine(lines, oat, 10);
    expect(lines.map((l) => l.quantity)).toEqual([2, 2]);
    expect(cartTotalCents(lines)).toBe(2 * 400 + 2 * 460);
    expect(addLine(lines, { ...plain, quantity: 9 }, 10)[0]!.quantity).toBe(10);
  });

  it("replaces the edited line in place", () => {
    const a = makeLine(latte, defaultSelection(latte), 1, "a");
    const b = makeLine(latte, defaultSelection(latte), 1, "b");
    const edited = makeLine(latte, defaultSelection(latte), 3, "a2");
    expect(addLine([a, b], edited, 10, a.key).map((l) => l.note)).toEqual(["a2", "b"]);
  });

  it("treats an optional single choice as pick one or none", () => {
    const item = { ...latte, groups: [{ id: "temperature", name: "Temperature", minSelect: 0, maxSelect: 1, modifiers: [mod("extra-hot"), mod("warm")] }] };
    let s = defaultSelection(item);
    expect(s.temperature).toEqual([]);
    s = toggleModifier(item, s, "temperature", "extra-hot", true);
    s = toggleModifier(item, s, "temperature", "warm", true);
    expect(s.temperature).toEqual(["warm"]);
    expect(toggleModifier(item, s, "temperature", "warm", false).temperature).toEqual([]);
  });

  it("refuses a sold-out drink or option in the sheet", () => {
    expect(selectionProblem({ ...latte, available: false }, defaultSelection(latte))).toBe("Sold out");
    const oatGone = { ...latte, groups: latte.groups.map((g) => (g.id === "milk" ? { ...g, modifiers: [mod("milk-whole", 0, true), mod("milk-oat", 60, false, false)] } : g)) };
    expect(selectionProblem(oatGone, { ...defaultSelection(latte), milk: ["milk-oat"] })).toBe("milk-oat sold out");
  });

  it("flags cart lines the menu can no longer make, and re-prices the rest", () => {
    const line = makeLine(latte, toggleModifier(latte, defaultSelection(latte), "milk", "milk-oat", true), 1, "");
    expect(lineProblem(line, latte)).toBeNull();
    expect(lineProblem(line, undefined)).toBe("No longer on the menu");
    expect(lineProblem(line, { ...latte, available: false })).toBe("Sold out right now");
    const oatGone = { ...latte, groups: latte.groups.map((g) => (g.id === "milk" ? { ...g, modifiers: [mod("milk-whole", 0, true), mod("milk-oat", 60, false, false)] } : g)) };
    expect(lineProblem(line, oatGone)).toBe("milk-oat is sold out");
    expect(repriceLine(line, oatGone)).toBe(line);
    expect(repriceLine(line, { ...latte, basePriceCents: 420 }).unitPriceCents).toBe(480);
  });

  it("estimates tax added on top (sales tax) to the minor unit", () => {
    const line = makeLine(latte, defaultSelection(latte), 2, "");
    const added = { taxRateBasisPoints: 825, pricesIncludeTax: false };
    expect(estimateTotals([line], added)).toEqual({ subtotalCents: 800, taxCents: 66, taxIncluded: false, tipCents: 0, totalCents: 866 });
    expect(estimateTotals([makeLine(latte, defaultSelection(latte), 1, "")], { ...added, taxRateBasisPoints: 1_000 })).toMatchObject({ taxCents: 40, totalCents: 440 });
    // Half a cent (82.5) rounds up, as on the server.
    expect(estimateTotals([{ ...line, unitPriceCents: 500, quantity: 2 }], added)).toMatchObject({ subtotalCents: 1000, taxCents: 83, totalCents: 1083 });
    expect(estimateTotals([line], { taxRateBasisPoints: null, pricesIncludeTax: false })).toEqual({ subtotalCents: 800, taxCents: 0, taxIncluded: false, tipCents: 0, totalCents: 800 });
  });

  it("estimates VAT included in the prices without adding it", () => {
    const line = { ...makeLine(latte, defaultSelection(latte), 1, ""), unitPriceCents: 450 };
    expect(estimateTotals([line], { taxRateBasisPoints: 2000, pricesIncludeTax: true })).toEqual({ subtotalCents: 450, taxCents: 75, taxIncluded: true, tipCents: 0, totalCents: 450 });
  });

  it("adds the tip, untaxed, on the menu prices; a tip larger than the order counts as none", () => {
    const line = { ...makeLine(latte, defaultSelection(latte), 1, ""), unitPriceCents: 1030 };
    const added = { taxRateBasisPoints: 825, pricesIncludeTax: false };
    // 15 % of 10.30 is 1.545 → 1.55; tax 8.25 % of 10.30 is 0.84975 → 0.85.
    expect(estimateTotals([line], added, { percent: 15 })).toEqual({ subtotalCents: 1030, taxCents: 85, taxIncluded: false, tipCents: 155, totalCents: 1270 });
    expect(estimateTotals([line], { taxRateBasisPoints: 2000, pricesIncludeTax: true }, { amount: 100 })).toMatchObject({ taxCents: 172, tipCents: 100, totalCents: 1130 });
    expect(estimateTotals([line], added, { amount: 5_000 })).toMatchObject({ tipCents: 0, totalCents: 1115 });
  });
});
