import { describe, expect, it } from "vitest";
import { copyDay, hoursToRows, rowsToHours, WEEK_ORDER } from "./hours-form.ts";

describe("hours form", () => {
  it("lists the week Monday first, with closed days empty, and round-trips", () => {
    const hours = { mon: [["07:00", "12:00"], ["13:00", "17:00"]] as [string, string][], sat: [["18:00", "02:00"]] as [string, string][] };
    const rows = hoursToRows(hours);
    expect(rows.map((r) => r.day)).toEqual(WEEK_ORDER);
    expect(rows[0]).toEqual({ day: "mon", periods: [{ open: "07:00", close: "12:00" }, { open: "13:00", close: "17:00" }] });
    expect(rows[1]!.periods).toEqual([]);
    expect(rowsToHours(rows)).toEqual({ hours, errors: {} });
    expect(hoursToRows(null).every((r) => r.periods.length === 0)).toBe(true);
  });

  it("says what is wrong with each day, and leaves the bad day out", () => {
    const rows = hoursToRows(null);
    rows[0]!.periods = [{ open: "7:00", close: "17:00" }];
    rows[1]!.periods = [{ open: "07:00", close: "12:00" }, { open: "11:00", close: "15:00" }];
    rows[2]!.periods = [{ open: "09:00", close: "09:00" }];
    rows[3]!.periods = [{ open: "22:00", close: "02:00" }, { open: "08:00", close: "12:00" }];
    const { hours, errors } = rowsToHours(rows);
    expect(errors).toEqual({
      mon: "times are HH:MM from 00:00 to 24:00",
      tue: "opening periods overlap",
      wed: "an opening period cannot start and end at the same time",
    });
    expect(hours).toEqual({ thu: [["22:00", "02:00"], ["08:00", "12:00"]] });
  });

  it("copies one day's hours to the weekdays or the whole week", () => {
    const rows = hoursToRows({ mon: [["07:00", "17:00"]] });
    const weekdays = rowsToHours(copyDay(rows, "mon", "weekdays")).hours;
    expect(Object.keys(weekdays)).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(Object.keys(rowsToHours(copyDay(rows, "mon", "all")).hours)).toHaveLength(7);
  });
});
