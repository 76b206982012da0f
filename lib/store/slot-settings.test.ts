import { describe, expect, it } from "vitest";
import { parseSlotDrinksByWeekday, slotCapacity, slotSettingsSchema, type SlotSettings } from "./slot-settings.ts";

const valid: SlotSettings = { scheduledOrders: true, slotMinutes: 15, slotDrinks: 12, slotDrinksByWeekday: { sat: 20, sun: 0 } };

const messagesFor = (input: unknown) => (slotSettingsSchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("slotSettingsSchema", () => {
  it("accepts each slot length, the capacity bounds and per-weekday overrides", () => {
    for (const slotMinutes of [5, 10, 15]) expect(slotSettingsSchema.safeParse({ ...valid, slotMinutes }).success).toBe(true);
    for (const slotDrinks of [1, 500]) expect(slotSettingsSchema.safeParse({ ...valid, slotDrinks }).success).toBe(true);
    expect(slotSettingsSchema.parse({ ...valid, slotDrinksByWeekday: {} })).toEqual({ ...valid, slotDrinksByWeekday: {} });
    expect(slotSettingsSchema.parse(valid)).toEqual(valid);
  });

  it("says what is wrong with a slot length", () => {
    for (const slotMinutes of [20, 0, 7.5, "15"]) expect(messagesFor({ ...valid, slotMinutes }), String(slotMinutes)).toEqual(["slotMinutes: slots are 5, 10 or 15 minutes long"]);
  });

  it("refuses out-of-range or fractional capacities and unknown weekdays", () => {
    expect(messagesFor({ ...valid, slotDrinks: 0 })).toEqual(["slotDrinks: drinks per slot is at least 1"]);
    expect(messagesFor({ ...valid, slotDrinks: 501 })).toEqual(["slotDrinks: drinks per slot is at most 500"]);
    expect(messagesFor({ ...valid, slotDrinks: 2.5 })).toEqual(["slotDrinks: drinks per slot is a whole number"]);
    expect(messagesFor({ ...valid, slotDrinksByWeekday: { sat: 501 } })).toEqual(["slotDrinksByWeekday.sat: drinks per slot is at most 500"]);
    expect(messagesFor({ ...valid, slotDrinksByWeekday: { sat: -1 } })).toEqual(["slotDrinksByWeekday.sat: drinks per slot is at least 0"]);
    expect(slotSettingsSchema.safeParse({ ...valid, slotDrinksByWeekday: { funday: 3 } }).success).toBe(false);
    expect(slotSettingsSchema.safeParse({ ...valid, scheduledOrders: "yes" }).success).toBe(false);
    expect(slotSettingsSchema.safeParse({ ...valid, slotDrinks: undefined }).success).toBe(false);
  });
});

describe("slotCapacity", () => {
  it("uses the weekday's override, even 0, and otherwise the usual number", () => {
    expect(slotCapacity(valid, "sat")).toBe(20);
    expect(slotCapacity(valid, "sun")).toBe(0);
    expect(slotCapacity(valid, "mon")).toBe(12);
  });
});

describe("parseSlotDrinksByWeekday", () => {
  it("reads a stored object", () => {
    expect(parseSlotDrinksByWeekday({ sat: 20, mon: 0 })).toEqual({ sat: 20, mon: 0 });
  });

  it("treats null or anything unreadable as no overrides, without throwing", () => {
    for (const stored of [null, undefined, "sat=20", 20, [20], { sat: "20" }, { sat: -1 }, { sat: 1.5 }, { funday: 3 }]) {
      expect(parseSlotDrinksByWeekday(stored), JSON.stringify(stored)).toEqual({});
    }
  });
});
