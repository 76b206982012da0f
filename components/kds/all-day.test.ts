import { describe, expect, it } from "vitest";
import { allDayCounts } from "./all-day.ts";
import { item, option, ticket } from "./test-tickets.ts";

const oat = option("Oat milk", { group: "Milk", nonDefault: true, flag: "Non-dairy" });
const large = option("Large", { group: "Size", nonDefault: true });

describe("all-day counts", () => {
  it("counts drinks and options by quantity across tickets, most first", () => {
    const result = allDayCounts([
      ticket(1, { items: [item("Latte", { quantity: 2, options: [oat, large] }), item("Tea")] }),
      ticket(2, { items: [item("Latte", { options: [oat] }), item("Mocha", { quantity: 3 })] }),
    ]);
    expect(result.totalDrinks).toBe(7);
    expect(result.tickets).toBe(2);
    expect(result.drinks.map((d) => [d.name, d.count])).toEqual([
      ["Latte", 3],
      ["Mocha", 3],
      ["Tea", 1],
    ]);
    expect(result.drinks[0]!.options).toEqual([
      { name: "Oat milk", group: "Milk", count: 3, nonDefault: true, flag: "Non-dairy" },
      { name: "Large", group: "Size", count: 2, nonDefault: true, flag: null },
    ]);
    expect(result.options.map((o) => [o.name, o.count])).toEqual([
      ["Oat milk", 3],
      ["Large", 2],
    ]);
  });

  it("keeps options of the same name in different groups apart", () => {
    const result = allDayCounts([
      ticket(1, { items: [item("Cold brew", { options: [option("Large", { group: "Size" }), option("Large", { group: "Ice" })] })] }),
    ]);
    expect(result.options).toHaveLength(2);
  });

  it("leaves out what is already made: bumped tickets and items done at their station", () => {
    const result = allDayCounts([
      ticket(1, { readyRequestedAt: "2026-01-01T10:03:00.000Z", items: [item("Latte", { quantity: 5 })] }),
      ticket(2, { items: [item("Latte", { doneAt: "2026-01-01T10:02:00.000Z" }), item("Croissant", { station: "Pastry" })] }),
      ticket(3, { items: [item("Tea", { doneAt: "2026-01-01T10:02:00.000Z" })] }),
    ]);
    expect(result.drinks.map((d) => [d.name, d.count])).toEqual([["Croissant", 1]]);
    expect(result.tickets).toBe(1);
  });

  it("is empty for an empty board", () => {
    expect(allDayCounts([])).toEqual({ drinks: [], options: [], totalDrinks: 0, tickets: 0 });
  });
});
