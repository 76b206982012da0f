import { describe, expect, it } from "vitest";
import { readSchedulingFields, schedulingFields } from "./scheduling-form.ts";

const saved = { scheduledOrders: true, slotMinutes: 15, slotDrinks: 12, slotDrinksByWeekday: { sat: 20, sun: 0 } };

describe("scheduling form", () => {
  it("shows the saved settings as text, empty for a day without its own number, and reads them back", () => {
    const fields = schedulingFields(saved);
    expect(fields).toMatchObject({ slotMinutes: "15", slotDrinks: "12", byWeekday: { mon: "", sat: "20", sun: "0" } });
    expect(readSchedulingFields(fields)).toEqual({ ok: true, settings: saved });
  });

  it("puts each error under its field, and refuses what is not a whole number", () => {
    const fields = schedulingFields(saved);
    const result = readSchedulingFields({ ...fields, slotDrinks: "0", byWeekday: { ...fields.byWeekday, sat: "-1", mon: "1e2", tue: " " } });
    expect(result).toEqual({
      ok: false,
      errors: { slotDrinks: "drinks per slot is at least 1", "slotDrinksByWeekday.sat": "drinks per slot is at least 0", "slotDrinksByWeekday.mon": "drinks per slot is a whole number" },
    });
    expect(readSchedulingFields({ ...fields, slotMinutes: "7" })).toEqual({ ok: false, errors: { slotMinutes: "slots are 5, 10 or 15 minutes long" } });
  });
});
