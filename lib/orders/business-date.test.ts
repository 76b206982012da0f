import { describe, expect, it } from "vitest";
import { businessDate } from "./business-date.ts";

describe("businessDate", () => {
  it("uses the cafe's time zone, not UTC", () => {
    const lateEvening = new Date("2026-11-25T23:30:00Z");
    expect(businessDate(lateEvening, "UTC")).toBe("2026-11-25");
    expect(businessDate(lateEvening, "Europe/Berlin")).toBe("2026-11-26");
    expect(businessDate(lateEvening, "America/New_York")).toBe("2026-11-25");
  });
});
