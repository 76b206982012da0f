import { describe, expect, it } from "vitest";
import { MAX_PAUSE_MINUTES } from "../../../../lib/store/pause-ordering.ts";
import { pauseBodySchema, storeBodySchema } from "./schema.ts";

// The shape of a change is checked here, once; lib/store and lib/kitchen take typed values
// and check only what depends on the stored settings (warn before late).

describe("storeBodySchema", () => {
  it("refuses an invalid store patch", () => {
    for (const store of [{ maxOpenOrders: 0 }, { taxRateBasisPoints: -1 }, { openingHours: { mon: [["9", "5"]] } }, { pausedUntil: "soon" }, { colour: "blue" }, { pricesIncludeTax: "yes" }, { pricesIncludeTax: null }]) {
      expect(storeBodySchema.safeParse({ store }).success, JSON.stringify(store)).toBe(false);
    }
  });

  it("refuses kitchen timings out of range, fractions and unknown fields", () => {
    for (const kitchen of [{ warnAfterSeconds: 29 }, { lateAfterSeconds: 3601 }, { boardReadySeconds: 12.5 }, { warnAfterSeconds: "60" }, { other: 1 }]) {
      expect(storeBodySchema.safeParse({ kitchen }).success, JSON.stringify(kitchen)).toBe(false);
    }
  });

  it("takes a partial patch of either", () => {
    expect(storeBodySchema.parse({ store: { maxOpenOrders: null, taxRateBasisPoints: 825, pricesIncludeTax: true }, kitchen: { boardReadySeconds: 90 } })).toEqual({
      store: { maxOpenOrders: null, taxRateBasisPoints: 825, pricesIncludeTax: true },
      kitchen: { boardReadySeconds: 90 },
    });
  });
});

describe("storeBodySchema: pickup slots", () => {
  const issues = (store: unknown) => storeBodySchema.safeParse({ store }).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

  it("takes the scheduling settings, alone or with others, and an empty override list to clear them", () => {
    const store = { scheduledOrders: false, slotMinutes: 10, slotDrinks: 500, slotDrinksByWeekday: { sat: 20, sun: 0 } };
    expect(storeBodySchema.parse({ store })).toEqual({ store });
    expect(storeBodySchema.parse({ store: { slotDrinks: 1, taxRateBasisPoints: 0 } })).toEqual({ store: { slotDrinks: 1, taxRateBasisPoints: 0 } });
    expect(storeBodySchema.parse({ store: { slotDrinksByWeekday: {} } })).toEqual({ store: { slotDrinksByWeekday: {} } });
  });

  it("refuses each bad field with a message naming it", () => {
    expect(issues({ slotMinutes: 7 })).toEqual([{ path: "store.slotMinutes", message: "slots are 5, 10 or 15 minutes long" }]);
    expect(issues({ slotDrinks: 0 })).toEqual([{ path: "store.slotDrinks", message: "drinks per slot is at least 1" }]);
    expect(issues({ slotDrinks: 501 })).toEqual([{ path: "store.slotDrinks", message: "drinks per slot is at most 500" }]);
    expect(issues({ slotDrinksByWeekday: { sat: -1 } })).toEqual([{ path: "store.slotDrinksByWeekday.sat", message: "drinks per slot is at least 0" }]);
    expect(issues({ slotMinutes: 15, slotDrinks: 2.5 })).toEqual([{ path: "store.slotDrinks", message: "drinks per slot is a whole number" }]);
    for (const store of [{ slotMinutes: "15" }, { scheduledOrders: "yes" }, { slotDrinksByWeekday: { someday: 3 } }, { slotDrinksByWeekday: null }, { slotDrinksByWeekday: { mon: 501 } }]) {
      expect(storeBodySchema.safeParse({ store }).success, JSON.stringify(store)).toBe(false);
    }
  });
});

describe("pauseBodySchema", () => {
  it("takes whole minutes from 0 to the longest pause", () => {
    expect(pauseBodySchema.parse({ minutes: 0 })).toEqual({ minutes: 0 });
    expect(pauseBodySchema.parse({ minutes: MAX_PAUSE_MINUTES })).toEqual({ minutes: MAX_PAUSE_MINUTES });
    for (const minutes of [MAX_PAUSE_MINUTES + 1, -1, 1.5, "15"]) expect(pauseBodySchema.safeParse({ minutes }).success, String(minutes)).toBe(false);
  });
});
