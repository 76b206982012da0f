import { describe, expect, it } from "vitest";
import { ASSUME_OPEN, parseStoreStatus, storeBanner, storeFromOrderError } from "./store-status.ts";

describe("store status", () => {
  it("parses the API's answer and rejects what is not one", () => {
    const answer = { state: "open", acceptingOrders: true, message: "", reopensAt: null, taxRateBasisPoints: 2000, pricesIncludeTax: true, onlinePayments: true, currency: "EUR" };
    expect(parseStoreStatus(answer)).toEqual(answer);
    expect(parseStoreStatus({ error: { code: "NOT_FOUND" } })).toBeNull();
    expect(parseStoreStatus(null)).toBeNull();
    // Missing or odd fields fall back to what the state implies.
    expect(parseStoreStatus({ state: "paused", reopensAt: "tomorrow-ish", taxRateBasisPoints: -1, pricesIncludeTax: "yes", currency: "euro" })).toMatchObject({
      acceptingOrders: false,
      reopensAt: null,
      taxRateBasisPoints: null,
      pricesIncludeTax: false,
      onlinePayments: false,
      currency: null,
    });
  });

  it("shows no banner while open, and says when it reopens otherwise", () => {
    expect(storeBanner(ASSUME_OPEN)).toBeNull();
    const paused = { ...ASSUME_OPEN, state: "paused" as const, acceptingOrders: false, reopensAt: "2026-03-01T14:30:00.000Z" };
    expect(storeBanner(paused, "UTC")).toMatchObject({ tone: "warn", detail: "Online ordering resumes at 2:30 PM." });
    expect(storeBanner({ ...paused, state: "closed" }, "UTC")).toMatchObject({ tone: "danger", detail: "We open again at 2:30 PM." });
    expect(storeBanner({ ...paused, state: "at-capacity", reopensAt: null })?.detail).toMatch(/try again in a few minutes/);
    expect(storeBanner({ ...paused, message: "Back after the lunch rush" })?.detail).toBe("Back after the lunch rush");
  });

  it("learns from a refused order", () => {
    const closed = storeFromOrderError(ASSUME_OPEN, "STORE_PAUSED", "We're busy", "2026-03-01T14:30:00.000Z");
    expect(closed).toMatchObject({ state: "paused", acceptingOrders: false, message: "We're busy", reopensAt: "2026-03-01T14:30:00.000Z" });
    expect(storeFromOrderError(ASSUME_OPEN, "AT_CAPACITY", "Full", undefined)).toMatchObject({ state: "at-capacity", reopensAt: null });
    expect(storeFromOrderError(ASSUME_OPEN, "CONFLICT", "Sold out", undefined)).toBeNull();
  });
});
