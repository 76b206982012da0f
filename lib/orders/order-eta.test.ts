import { describe, expect, it } from "vitest";
import { DEFAULT_PREP_SECONDS } from "../schedule/prep-time.ts";
import { estimateEtaMinutes } from "./order-eta.ts";

const now = new Date("2026-11-27T10:00:00Z");
const base = { queuePosition: 1, medianPrepSeconds: null, startedAt: null, now };

describe("estimateEtaMinutes", () => {
  it("uses 4 minutes per order ahead and including this one while the day has no history", () => {
    expect(DEFAULT_PREP_SECONDS).toBe(240);
    expect(estimateEtaMinutes({ ...base, status: "PLACED" })).toBe(4);
    expect(estimateEtaMinutes({ ...base, status: "QUEUED", queuePosition: 3 })).toBe(12);
  });

  it("scales the day's median by the position, rounding up to whole minutes", () => {
    expect(estimateEtaMinutes({ ...base, status: "QUEUED", queuePosition: 2, medianPrepSeconds: 150 })).toBe(5);
    expect(estimateEtaMinutes({ ...base, status: "QUEUED", queuePosition: 3, medianPrepSeconds: 100 })).toBe(5);
  });

  it("counts down from the start once a barista makes it, never below a minute", () => {
    const startedAt = new Date(now.getTime() - 90_000);
    expect(estimateEtaMinutes({ ...base, status: "IN_PROGRESS", queuePosition: null, medianPrepSeconds: 300, startedAt })).toBe(4);
    expect(estimateEtaMinutes({ ...base, status: "IN_PROGRESS", queuePosition: null, medianPrepSeconds: 60, startedAt })).toBe(1);
  });

  it("has no estimate for an order not in the kitchen: ready, cancelled, awaiting or never paid", () => {
    expect(estimateEtaMinutes({ ...base, status: "READY" })).toBeNull();
    expect(estimateEtaMinutes({ ...base, status: "CANCELLED" })).toBeNull();
    expect(estimateEtaMinutes({ ...base, status: "AWAITING_PAYMENT" })).toBeNull();
    expect(estimateEtaMinutes({ ...base, status: "PAYMENT_EXPIRED" })).toBeNull();
  });
});
