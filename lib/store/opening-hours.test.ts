import { describe, expect, it } from "vitest";
import { describeWhen, isOpenAt, localTime, nextOpening, openFrom, openingHoursSchema, zonedInstant, type OpeningHours } from "./opening-hours.ts";

const weekdays: OpeningHours = { mon: [["07:00", "17:00"]], tue: [["07:00", "17:00"]], wed: [["07:00", "17:00"]], thu: [["07:00", "17:00"]], fri: [["07:00", "17:00"]] };
const at = (iso: string) => new Date(iso);

describe("openingHoursSchema", () => {
  it("accepts weekly periods, overnight ones and a close at 24:00", () => {
    expect(openingHoursSchema.safeParse({ mon: [["07:00", "12:00"], ["13:00", "24:00"]], fri: [["18:00", "02:00"]] }).success).toBe(true);
    expect(openingHoursSchema.safeParse({}).success).toBe(true);
  });

  it("refuses malformed times, empty periods and unknown days", () => {
    for (const bad of [{ mon: [["7:00", "17:00"]] }, { mon: [["07:00", "07:00"]] }, { mon: [["24:00", "02:00"]] }, { mon: [["07:00", "25:00"]] }, { funday: [] }, { mon: "07:00-17:00" }]) {
      expect(openingHoursSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("isOpenAt", () => {
  it("is open from the opening minute up to, not including, the closing minute", () => {
    // 2026-11-23 is a Monday.
    expect(isOpenAt(weekdays, at("2026-11-23T06:59:59Z"), "UTC")).toBe(false);
    expect(isOpenAt(weekdays, at("2026-11-23T07:00:00Z"), "UTC")).toBe(true);
    expect(isOpenAt(weekdays, at("2026-11-23T16:59:59Z"), "UTC")).toBe(true);
    expect(isOpenAt(weekdays, at("2026-11-23T17:00:00Z"), "UTC")).toBe(false);
    expect(isOpenAt(weekdays, at("2026-11-28T10:00:00Z"), "UTC")).toBe(false);
  });

  it("reads the hours in the store's zone", () => {
    // 07:30 in New York (EST, UTC-5) is 12:30 UTC.
    expect(isOpenAt(weekdays, at("2026-11-23T12:30:00Z"), "America/New_York")).toBe(true);
    expect(isOpenAt(weekdays, at("2026-11-23T11:30:00Z"), "America/New_York")).toBe(false);
  });

  it("keeps overnight hours open past midnight into the next day", () => {
    const late: OpeningHours = { fri: [["18:00", "02:00"]] };
    // Friday 2026-11-27 23:00, then Saturday 01:59 and 02:00.
    expect(isOpenAt(late, at("2026-11-27T23:00:00Z"), "UTC")).toBe(true);
    expect(isOpenAt(late, at("2026-11-28T01:59:00Z"), "UTC")).toBe(true);
    expect(isOpenAt(late, at("2026-11-28T02:00:00Z"), "UTC")).toBe(false);
    expect(isOpenAt(late, at("2026-11-27T01:00:00Z"), "UTC")).toBe(false);
  });

  it("is always open without fixed hours and never with none on any day", () => {
    expect(isOpenAt(null, at("2026-11-28T03:00:00Z"), "UTC")).toBe(true);
    expect(isOpenAt({}, at("2026-11-23T10:00:00Z"), "UTC")).toBe(false);
  });
});

describe("nextOpening", () => {
  it("finds the next opening later today, tomorrow, or days ahead", () => {
    expect(nextOpening(weekdays, at("2026-11-23T05:00:00Z"), "UTC")).toEqual(at("2026-11-23T07:00:00Z"));
    expect(nextOpening(weekdays, at("2026-11-23T18:00:00Z"), "UTC")).toEqual(at("2026-11-24T07:00:00Z"));
    // Friday evening: closed all weekend.
    expect(nextOpening(weekdays, at("2026-11-27T18:00:00Z"), "UTC")).toEqual(at("2026-11-30T07:00:00Z"));
    expect(nextOpening({ mon: [["07:00", "09:00"], ["16:00", "18:00"]] }, at("2026-11-23T10:00:00Z"), "UTC")).toEqual(at("2026-11-23T16:00:00Z"));
  });

  it("is null when the week has no hours at all", () => {
    expect(nextOpening({}, at("2026-11-23T10:00:00Z"), "UTC")).toBeNull();
  });

  it("opens at the local time on the far side of a daylight-saving change", () => {
    // Europe/London goes to BST on Sunday 2026-03-29: Monday 07:00 is 06:00 UTC.
    expect(nextOpening(weekdays, at("2026-03-27T18:00:00Z"), "Europe/London")).toEqual(at("2026-03-30T06:00:00Z"));
    // New York goes back to EST on Sunday 2026-11-01: Monday 07:00 is 12:00 UTC.
    expect(nextOpening(weekdays, at("2026-10-30T22:00:00Z"), "America/New_York")).toEqual(at("2026-11-02T12:00:00Z"));
  });

  it("openFrom is the instant itself while open, else the next opening", () => {
    expect(openFrom(weekdays, at("2026-11-23T10:00:00Z"), "UTC")).toEqual(at("2026-11-23T10:00:00Z"));
    expect(openFrom(null, at("2026-11-28T10:00:00Z"), "UTC")).toEqual(at("2026-11-28T10:00:00Z"));
    expect(openFrom(weekdays, at("2026-11-28T10:00:00Z"), "UTC")).toEqual(at("2026-11-30T07:00:00Z"));
  });
});

describe("zonedInstant", () => {
  const day = (iso: string) => localTime(at(`${iso}T12:00:00Z`), "UTC").dayNumber;

  it("moves a time skipped when clocks go forward on by the gap", () => {
    // New York skips 02:00–03:00 on 2026-03-08: 02:30 becomes 03:30 EDT (07:30 UTC).
    expect(zonedInstant(day("2026-03-08"), 150, "America/New_York")).toEqual(at("2026-03-08T07:30:00Z"));
    // Berlin skips 02:00–03:00 on 2026-03-29: 02:30 becomes 03:30 CEST (01:30 UTC).
    expect(zonedInstant(day("2026-03-29"), 150, "Europe/Berlin")).toEqual(at("2026-03-29T01:30:00Z"));
  });

  it("takes the first of a time repeated when clocks go back", () => {
    expect(zonedInstant(day("2026-11-01"), 90, "America/New_York")).toEqual(at("2026-11-01T05:30:00Z"));
    expect(zonedInstant(day("2026-10-25"), 150, "Europe/Berlin")).toEqual(at("2026-10-25T00:30:00Z"));
  });

  it("handles ordinary times either side of UTC", () => {
    expect(zonedInstant(day("2026-11-23"), 7 * 60, "Asia/Kolkata")).toEqual(at("2026-11-23T01:30:00Z"));
    expect(zonedInstant(day("2026-11-23"), 7 * 60, "America/Los_Angeles")).toEqual(at("2026-11-23T15:00:00Z"));
  });
});

describe("describeWhen", () => {
  const now = at("2026-11-23T09:00:00Z");
  it("says the time, adding tomorrow, the weekday or the date as needed", () => {
    expect(describeWhen(at("2026-11-23T10:45:00Z"), now, "UTC")).toBe("10:45");
    expect(describeWhen(at("2026-11-24T07:00:00Z"), now, "UTC")).toBe("7:00 tomorrow");
    expect(describeWhen(at("2026-11-28T07:05:00Z"), now, "UTC")).toBe("7:05 on Saturday");
    expect(describeWhen(at("2026-12-03T07:00:00Z"), now, "UTC")).toBe("7:00 on 3 December");
  });

  it("counts days in the store's zone, not UTC", () => {
    // 23:30 New York time on the 23rd; 07:00 on the 24th there is tomorrow.
    expect(describeWhen(at("2026-11-24T12:00:00Z"), at("2026-11-24T04:30:00Z"), "America/New_York")).toBe("7:00 tomorrow");
  });
});
