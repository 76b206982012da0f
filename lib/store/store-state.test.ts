import { describe, expect, it } from "vitest";
import { AT_CAPACITY_MESSAGE, computeStoreState, OPEN_MESSAGE, storeRefusal, type StoreSettingsSnapshot } from "./store-state.ts";

const settings: StoreSettingsSnapshot = {
  acceptingOrders: true,
  openingHours: { mon: [["07:00", "17:00"]], tue: [["07:00", "17:00"]] },
  pausedUntil: null,
  maxOpenOrders: null,
  taxRateBasisPoints: 825,
  pricesIncludeTax: false,
};
// Monday 2026-11-23, in a UTC store.
const monday = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
const state = (patch: Partial<StoreSettingsSnapshot>, now: Date, openOrders: number | null = 0) =>
  computeStoreState({ settings: { ...settings, ...patch }, openOrders, now, timeZone: "UTC" });

describe("computeStoreState", () => {
  it("is open within the hours", () => {
    expect(state({}, monday("10:00"))).toEqual({ state: "open", acceptingOrders: true, message: OPEN_MESSAGE, reopensAt: null, taxRateBasisPoints: 825, pricesIncludeTax: false });
  });

  it("is closed outside the hours, saying when it opens again", () => {
    expect(state({}, monday("18:00"))).toEqual({
      state: "closed",
      acceptingOrders: false,
      message: "We're closed right now. We open again at 7:00 tomorrow.",
      reopensAt: "2026-11-24T07:00:00.000Z",
      taxRateBasisPoints: 825,
      pricesIncludeTax: false,
    });
    expect(state({}, monday("06:00"))).toMatchObject({ message: "We're closed right now. We open again at 7:00.", reopensAt: "2026-11-23T07:00:00.000Z" });
  });

  it("is closed with no reopening when ordering is switched off or there are no hours", () => {
    expect(state({ acceptingOrders: false }, monday("10:00"))).toMatchObject({ state: "closed", message: "We're closed right now.", reopensAt: null });
    expect(state({ openingHours: {} }, monday("10:00"))).toMatchObject({ state: "closed", message: "We're closed right now.", reopensAt: null });
  });

  it("is paused until the pause ends, then open again by itself", () => {
    const pausedUntil = monday("10:45");
    expect(state({ pausedUntil }, monday("10:30"))).toEqual({
      state: "paused",
      acceptingOrders: false,
      message: "We've paused online orders for a few minutes; back at 10:45.",
      reopensAt: "2026-11-23T10:45:00.000Z",
      taxRateBasisPoints: 825,
      pricesIncludeTax: false,
    });
    expect(state({ pausedUntil }, monday("10:45"))).toMatchObject({ state: "open" });
  });

  it("reads as closed when a pause outlasts the day's hours, or the hours are closed anyway", () => {
    expect(state({ pausedUntil: monday("17:30") }, monday("16:30"))).toMatchObject({ state: "closed", reopensAt: "2026-11-24T07:00:00.000Z" });
    expect(state({ pausedUntil: monday("08:00") }, monday("06:00"))).toMatchObject({ state: "closed", reopensAt: "2026-11-23T08:00:00.000Z" });
  });

  it("is at capacity once the open orders reach the limit, and counts nothing without one", () => {
    expect(state({ maxOpenOrders: 3 }, monday("10:00"), 2)).toMatchObject({ state: "open" });
    expect(state({ maxOpenOrders: 3 }, monday("10:00"), 3)).toEqual({ state: "at-capacity", acceptingOrders: false, message: AT_CAPACITY_MESSAGE, reopensAt: null, taxRateBasisPoints: 825, pricesIncludeTax: false });
    expect(state({ maxOpenOrders: 3 }, monday("10:00"), null)).toMatchObject({ state: "open" });
    expect(state({}, monday("10:00"), 1_000)).toMatchObject({ state: "open" });
  });

  it("tells the customer's page whether the prices include the tax, in every state", () => {
    expect(state({ pricesIncludeTax: true }, monday("10:00"))).toMatchObject({ state: "open", taxRateBasisPoints: 825, pricesIncludeTax: true });
    expect(state({ pricesIncludeTax: true }, monday("18:00"))).toMatchObject({ state: "closed", pricesIncludeTax: true });
  });

  it("is open around the clock without fixed hours", () => {
    expect(state({ openingHours: null }, new Date("2026-11-29T03:00:00Z"))).toMatchObject({ state: "open" });
  });
});

describe("storeRefusal", () => {
  it("maps each state to its error code with the message and reopensAt", () => {
    expect(storeRefusal(state({}, monday("10:00")))).toBeNull();
    expect(storeRefusal(state({}, monday("18:00")))).toMatchObject({ code: "STORE_CLOSED", status: 409, message: "We're closed right now. We open again at 7:00 tomorrow.", details: { reopensAt: "2026-11-24T07:00:00.000Z" } });
    expect(storeRefusal(state({ pausedUntil: monday("10:45") }, monday("10:30")))).toMatchObject({ code: "STORE_PAUSED", details: { reopensAt: "2026-11-23T10:45:00.000Z" } });
    expect(storeRefusal(state({ maxOpenOrders: 1 }, monday("10:00"), 1))).toMatchObject({ code: "AT_CAPACITY", message: AT_CAPACITY_MESSAGE });
  });
});
