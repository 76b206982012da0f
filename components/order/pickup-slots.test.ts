import { describe, expect, it } from "vitest";
import { describeSlot } from "../../lib/schedule/describe-slot.ts";
import type { SlotOffer } from "../../lib/schedule/list-pickup-slots.ts";
import { firstFitting, fittingSlot, groupSlots, parsePickupSlots, parseSlotOffers, resolvePickup, schedulingOffered, slotFits } from "./pickup-slots.ts";

const slot = (startsAt: string, patch: Partial<SlotOffer> = {}): SlotOffer => ({
  startsAt,
  label: `${Number(startsAt.slice(11, 13))}:${startsAt.slice(14, 16)}`,
  day: "today",
  dayLabel: "Today",
  capacity: 12,
  remaining: 12,
  paused: false,
  ...patch,
});

const s0815 = slot("2026-01-02T08:15:00.000Z", { remaining: 2 });
const s0830 = slot("2026-01-02T08:30:00.000Z", { paused: true, remaining: 0 });
const s0845 = slot("2026-01-02T08:45:00.000Z", { remaining: 3 });
const t0700 = slot("2026-01-03T07:00:00.000Z", { day: "next", dayLabel: "Tomorrow" });
const slots = [s0815, s0830, s0845, t0700];

describe("pickup slots", () => {
  it("reads the server's answer and drops what is not a slot", () => {
    const view = parsePickupSlots({ enabled: true, slotMinutes: 15, leadMinutes: 10, slots: [s0815, { startsAt: "soon" }, null] });
    expect(view).toEqual({ enabled: true, slotMinutes: 15, leadMinutes: 10, slots: [s0815] });
    expect(parsePickupSlots({ error: { message: "nope" } })).toBeNull();
    expect(parsePickupSlots(null)).toBeNull();
    expect(parseSlotOffers(undefined)).toEqual([]);
  });

  it("offers scheduling only when the store has it on and there is a slot", () => {
    expect(schedulingOffered(null)).toBe(false);
    expect(schedulingOffered({ enabled: false, slotMinutes: 15, leadMinutes: 0, slots })).toBe(false);
    expect(schedulingOffered({ enabled: true, slotMinutes: 15, leadMinutes: 0, slots: [] })).toBe(false);
    expect(schedulingOffered({ enabled: true, slotMinutes: 15, leadMinutes: 0, slots })).toBe(true);
  });

  it("fits the whole order in a slot, never in a paused one", () => {
    expect(slotFits(s0815, 2)).toBe(true);
    expect(slotFits(s0815, 3)).toBe(false);
    expect(slotFits(s0830, 1)).toBe(false);
    expect(slotFits({ ...s0830, remaining: 12 }, 1)).toBe(false);
    // An empty cart still needs room for a drink.
    expect(slotFits({ ...s0815, remaining: 0 }, 0)).toBe(false);
  });

  it("groups the slots by day and marks the full ones for this cart", () => {
    expect(groupSlots(slots, 3)).toEqual([
      {
        label: "Today",
        options: [
          { value: s0815.startsAt, text: "8:15 (full)", disabled: true },
          { value: s0830.startsAt, text: "8:30 (full)", disabled: true },
          { value: s0845.startsAt, text: "8:45", disabled: false },
        ],
      },
      { label: "Tomorrow", options: [{ value: t0700.startsAt, text: "7:00", disabled: false }] },
    ]);
    expect(groupSlots(slots, 1)[0]?.options[0]).toEqual({ value: s0815.startsAt, text: "8:15", disabled: false });
  });

  it("finds the chosen slot only while the order fits in it, whatever the ISO spelling", () => {
    expect(fittingSlot(slots, "2026-01-02T08:15:00Z", 2)).toBe(s0815);
    expect(fittingSlot(slots, s0815.startsAt, 3)).toBeNull();
    expect(fittingSlot(slots, s0830.startsAt, 1)).toBeNull();
    expect(fittingSlot(slots, "2026-01-02T09:00:00.000Z", 1)).toBeNull();
    expect(fittingSlot(slots, null, 1)).toBeNull();
  });

  it("proposes the first slot the order fits in", () => {
    expect(firstFitting(slots, 1)).toBe(s0815);
    expect(firstFitting(slots, 3)).toBe(s0845);
    expect(firstFitting(slots, 4)).toBe(t0700);
    expect(firstFitting(slots, 13)).toBeNull();
  });

  it("says the day when it is not today", () => {
    expect(describeSlot(s0815)).toBe("8:15");
    expect(describeSlot(t0700)).toBe("7:00 tomorrow");
    expect(describeSlot({ label: "9:00", day: "next", dayLabel: "Saturday" })).toBe("9:00 on Saturday");
  });

  describe("the customer's choice", () => {
    const view = { enabled: true, slotMinutes: 15, leadMinutes: 10, slots };
    const base = { view, mode: "scheduled" as const, chosen: null, drinks: 1, acceptingOrders: true };

    it("is as soon as possible unless the customer schedules, and then proposes the first slot that fits", () => {
      expect(resolvePickup({ ...base, mode: "asap" })).toEqual({ offered: true, mode: "asap", slot: null, needsSlot: false });
      expect(resolvePickup(base)).toMatchObject({ mode: "scheduled", slot: s0815, needsSlot: false });
      expect(resolvePickup({ ...base, drinks: 3 }).slot).toBe(s0845);
    });

    it("keeps the picked slot while the order fits, and asks again once it does not", () => {
      expect(resolvePickup({ ...base, chosen: s0845.startsAt }).slot).toBe(s0845);
      // The cart grew past what is left in the slot: no silent move to another time.
      expect(resolvePickup({ ...base, chosen: s0815.startsAt, drinks: 3 })).toMatchObject({ slot: null, needsSlot: true });
      expect(resolvePickup({ ...base, chosen: s0830.startsAt })).toMatchObject({ slot: null, needsSlot: true });
    });

    it("can only schedule while the store takes no orders for now, and only for now when scheduling is off", () => {
      // The customer did not ask for later: they pick the time themselves, nothing is proposed.
      expect(resolvePickup({ ...base, mode: "asap", acceptingOrders: false })).toMatchObject({ mode: "scheduled", slot: null, needsSlot: true });
      expect(resolvePickup({ ...base, mode: "scheduled", acceptingOrders: false })).toMatchObject({ mode: "scheduled", slot: s0815 });
      expect(resolvePickup({ ...base, view: { ...view, enabled: false } })).toEqual({ offered: false, mode: "asap", slot: null, needsSlot: false });
      expect(resolvePickup({ ...base, view: null, acceptingOrders: false })).toMatchObject({ offered: false, mode: "asap", slot: null });
      // Every slot full for this cart: scheduled, but nothing can be sent yet.
      expect(resolvePickup({ ...base, drinks: 13 })).toMatchObject({ mode: "scheduled", slot: null, needsSlot: true });
    });
  });
});
