import { describe, expect, it } from "vitest";
import { describeAvailability, describeChanges, money, type FieldSpec } from "./describe-changes.ts";

type Item = { name: string; basePriceCents: number; description: string; station: string | null };
const specs: FieldSpec<Item>[] = [
  { key: "basePriceCents", label: "Price", format: money },
  { key: "description", label: "Description", quiet: true },
  { key: "station", label: "Station" },
];
const latte: Item = { name: "Latte", basePriceCents: 400, description: "Milky", station: null };

describe("describeChanges", () => {
  it("says each changed field once, under the new name", () => {
    expect(describeChanges(latte, { basePriceCents: 420 }, specs)).toEqual(["Price of Latte 4.00 → 4.20"]);
    expect(describeChanges(latte, { name: "Caffè latte", description: "Silky", station: "Bar" }, specs)).toEqual([
      "Renamed Latte → Caffè latte",
      "Description of Caffè latte changed",
      "Station of Caffè latte none → Bar",
    ]);
  });

  it("is empty when nothing changed or a field was not sent", () => {
    expect(describeChanges(latte, { ...latte }, specs)).toEqual([]);
    expect(describeChanges(latte, {}, specs)).toEqual([]);
  });
});

describe("describeAvailability", () => {
  it("speaks the kitchen's language", () => {
    expect(describeAvailability("Oat milk", false)).toBe("86'd Oat milk");
    expect(describeAvailability("Oat milk", true)).toBe("Oat milk back on");
  });
});
