import { describe, expect, it } from "vitest";
import { WEEKDAYS, type OpeningHours } from "../store/opening-hours.ts";
import { pickupSlots, slotLabel, type PickupSlot } from "./pickup-slots.ts";

const at = (iso: string) => new Date(iso);
const weekdays: OpeningHours = { mon: [["07:00", "17:00"]], tue: [["07:00", "17:00"]], wed: [["07:00", "17:00"]], thu: [["07:00", "17:00"]], fri: [["07:00", "17:00"]] };
const allDay: OpeningHours = Object.fromEntries(WEEKDAYS.map((d) => [d, [["00:00", "24:00"]]]));

const on = (slots: PickupSlot[], day: PickupSlot["day"]) => slots.filter((s) => s.day === day);
const isos = (slots: PickupSlot[]) => slots.map((s) => s.startsAt.toISOString());
const labels = (slots: PickupSlot[], timeZone: string) => slots.map((s) => slotLabel(s.startsAt, timeZone));
const gapsInMinutes = (slots: PickupSlot[]) => slots.slice(1).map((s, i) => (s.startsAt.getTime() - slots[i]!.startsAt.getTime()) / 60_000);

/** A whole day of 15-minute slots from a local midnight, as seen at that midnight. */
function fromMidnight(timeZone: string, midnight: string, hours: OpeningHours = allDay) {
  return pickupSlots({ hours, timeZone, now: at(midnight), slotMinutes: 15, earliest: at(midnight) });
}

describe("pickupSlots on ordinary days", () => {
  // 2026-11-23 is a Monday.
  it("cuts a 07:00–17:00 day into 40 quarter-hour slots, and the next open day too", () => {
    const slots = pickupSlots({ hours: weekdays, timeZone: "UTC", now: at("2026-11-23T05:00:00Z"), slotMinutes: 15, earliest: at("2026-11-23T05:00:00Z") });
    const today = on(slots, "today");
    expect(today).toHaveLength(40);
    expect(today[0]).toEqual({ startsAt: at("2026-11-23T07:00:00Z"), day: "today", weekday: "mon" });
    expect(today.at(-1)!.startsAt).toEqual(at("2026-11-23T16:45:00Z"));
    expect(gapsInMinutes(today).every((g) => g === 15)).toBe(true);
    const next = on(slots, "next");
    expect(next).toHaveLength(40);
    expect(next[0]).toEqual({ startsAt: at("2026-11-24T07:00:00Z"), day: "next", weekday: "tue" });
    expect(slots).toHaveLength(80);
  });

  it("starts from the earliest instant, counting a slot starting exactly then", () => {
    const slotsFrom = (earliest: string) => on(pickupSlots({ hours: weekdays, timeZone: "UTC", now: at("2026-11-23T10:07:00Z"), slotMinutes: 15, earliest: at(earliest) }), "today");
    expect(isos(slotsFrom("2026-11-23T10:22:00Z")).slice(0, 2)).toEqual(["2026-11-23T10:30:00.000Z", "2026-11-23T10:45:00.000Z"]);
    expect(slotsFrom("2026-11-23T10:30:00Z")[0]!.startsAt).toEqual(at("2026-11-23T10:30:00Z"));
    expect(slotsFrom("2026-11-23T10:30:01Z")[0]!.startsAt).toEqual(at("2026-11-23T10:45:00Z"));
    // 10:30 to 16:45 inclusive.
    expect(slotsFrom("2026-11-23T10:22:00Z")).toHaveLength(26);
  });

  it("reads the hours in the store's zone", () => {
    // 07:00 in New York (EST, UTC-5) is 12:00 UTC.
    const slots = pickupSlots({ hours: weekdays, timeZone: "America/New_York", now: at("2026-11-23T11:00:00Z"), slotMinutes: 15, earliest: at("2026-11-23T11:00:00Z") });
    expect(on(slots, "today")[0]!.startsAt).toEqual(at("2026-11-23T12:00:00Z"));
    expect(slotLabel(on(slots, "today")[0]!.startsAt, "America/New_York")).toBe("7:00");
  });

  it("after closing leaves today empty and offers the whole next open day", () => {
    const slots = pickupSlots({ hours: weekdays, timeZone: "UTC", now: at("2026-11-23T17:30:00Z"), slotMinutes: 15, earliest: at("2026-11-23T17:40:00Z") });
    expect(on(slots, "today")).toEqual([]);
    expect(slots).toHaveLength(40);
    expect(slots[0]).toEqual({ startsAt: at("2026-11-24T07:00:00Z"), day: "next", weekday: "tue" });
  });

  it("skips a closed weekend to Monday, from Friday evening and from Saturday", () => {
    for (const now of ["2026-11-27T18:00:00Z", "2026-11-28T10:00:00Z"]) {
      const slots = pickupSlots({ hours: weekdays, timeZone: "UTC", now: at(now), slotMinutes: 15, earliest: at(now) });
      expect(on(slots, "today"), now).toEqual([]);
      expect(slots, now).toHaveLength(40);
      expect(slots[0], now).toEqual({ startsAt: at("2026-11-30T07:00:00Z"), day: "next", weekday: "mon" });
    }
  });

  it("looks a full week ahead for the next open day, and no further", () => {
    const mondays: OpeningHours = { mon: [["07:00", "09:00"]] };
    const slots = pickupSlots({ hours: mondays, timeZone: "UTC", now: at("2026-11-23T10:00:00Z"), slotMinutes: 15, earliest: at("2026-11-23T10:00:00Z") });
    expect(slots).toHaveLength(8);
    expect(slots[0]).toEqual({ startsAt: at("2026-11-30T07:00:00Z"), day: "next", weekday: "mon" });
    expect(pickupSlots({ hours: {}, timeZone: "UTC", now: at("2026-11-23T10:00:00Z"), slotMinutes: 15, earliest: at("2026-11-23T10:00:00Z") })).toEqual([]);
  });

  it("keeps one slot per instant where periods overlap, in order", () => {
    const overlapping: OpeningHours = { mon: [["08:00", "10:00"], ["07:00", "09:00"]] };
    const today = on(pickupSlots({ hours: overlapping, timeZone: "UTC", now: at("2026-11-23T05:00:00Z"), slotMinutes: 15, earliest: at("2026-11-23T05:00:00Z") }), "today");
    expect(today).toHaveLength(12);
    expect(today[0]!.startsAt).toEqual(at("2026-11-23T07:00:00Z"));
    expect(today.at(-1)!.startsAt).toEqual(at("2026-11-23T09:45:00Z"));
    expect(gapsInMinutes(today).every((g) => g === 15)).toBe(true);
  });

  it("cuts 5- and 10-minute slots", () => {
    const hour: OpeningHours = { mon: [["07:00", "08:00"]] };
    const slotsOf = (slotMinutes: number) => on(pickupSlots({ hours: hour, timeZone: "UTC", now: at("2026-11-23T05:00:00Z"), slotMinutes, earliest: at("2026-11-23T05:00:00Z") }), "today");
    expect(slotsOf(5)).toHaveLength(12);
    expect(labels(slotsOf(5), "UTC").slice(0, 3)).toEqual(["7:00", "7:05", "7:10"]);
    expect(slotsOf(5).at(-1)!.startsAt).toEqual(at("2026-11-23T07:55:00Z"));
    expect(labels(slotsOf(10), "UTC")).toEqual(["7:00", "7:10", "7:20", "7:30", "7:40", "7:50"]);
  });

  it("refuses a step that is not a positive whole number of minutes", () => {
    for (const slotMinutes of [0, -15, 7.5]) {
      expect(() => pickupSlots({ hours: weekdays, timeZone: "UTC", now: at("2026-11-23T05:00:00Z"), slotMinutes, earliest: at("2026-11-23T05:00:00Z") })).toThrow(RangeError);
    }
  });

  it("without fixed hours offers the rest of today to midnight and all of tomorrow", () => {
    const slots = pickupSlots({ hours: null, timeZone: "UTC", now: at("2026-11-23T10:07:00Z"), slotMinutes: 15, earliest: at("2026-11-23T10:20:00Z") });
    const today = on(slots, "today");
    // 10:30 to 23:45.
    expect(today).toHaveLength(54);
    expect(today[0]).toEqual({ startsAt: at("2026-11-23T10:30:00Z"), day: "today", weekday: "mon" });
    expect(today.at(-1)!.startsAt).toEqual(at("2026-11-23T23:45:00Z"));
    const next = on(slots, "next");
    expect(next).toHaveLength(96);
    expect(next[0]).toEqual({ startsAt: at("2026-11-24T00:00:00Z"), day: "next", weekday: "tue" });
    expect(next.at(-1)!.startsAt).toEqual(at("2026-11-24T23:45:00Z"));
  });
});

describe("pickupSlots with hours past midnight", () => {
  // Berlin is UTC+1 in November; 2026-11-27 is a Friday.
  const zone = "Europe/Berlin";
  const lateFriday: OpeningHours = { fri: [["18:00", "02:00"]], sat: [["08:00", "12:00"]] };

  it("at 23:10 on Friday offers the rest of the night, past midnight, as today", () => {
    const slots = pickupSlots({ hours: lateFriday, timeZone: zone, now: at("2026-11-27T22:10:00Z"), slotMinutes: 15, earliest: at("2026-11-27T22:10:00Z") });
    const today = on(slots, "today");
    expect(labels(today, zone)).toEqual(["23:15", "23:30", "23:45", "0:00", "0:15", "0:30", "0:45", "1:00", "1:15", "1:30", "1:45"]);
    expect(today.at(-1)).toEqual({ startsAt: at("2026-11-28T00:45:00Z"), day: "today", weekday: "fri" });
    const next = on(slots, "next");
    expect(next).toHaveLength(16);
    expect(next[0]).toEqual({ startsAt: at("2026-11-28T07:00:00Z"), day: "next", weekday: "sat" });
  });

  it("at 01:00 on Saturday counts Friday's still-running period as today, beside Saturday's own", () => {
    const slots = pickupSlots({ hours: lateFriday, timeZone: zone, now: at("2026-11-28T00:00:00Z"), slotMinutes: 15, earliest: at("2026-11-28T00:00:00Z") });
    const today = on(slots, "today");
    expect(today).toHaveLength(4 + 16);
    expect(today.slice(0, 4).map((s) => [slotLabel(s.startsAt, zone), s.weekday])).toEqual([["1:00", "fri"], ["1:15", "fri"], ["1:30", "fri"], ["1:45", "fri"]]);
    expect(today[4]).toEqual({ startsAt: at("2026-11-28T07:00:00Z"), day: "today", weekday: "sat" });
    // The next day with hours is the following Friday.
    const next = on(slots, "next");
    expect(next).toHaveLength(32);
    expect(next[0]).toEqual({ startsAt: at("2026-12-04T17:00:00Z"), day: "next", weekday: "fri" });
  });

  it("drops Friday's period once it has closed, even when earliest reaches back into it", () => {
    // Now 02:30 Saturday; earliest at Saturday 00:00.
    const today = on(pickupSlots({ hours: lateFriday, timeZone: zone, now: at("2026-11-28T01:30:00Z"), slotMinutes: 15, earliest: at("2026-11-27T23:00:00Z") }), "today");
    expect(today).toHaveLength(16);
    expect(today.every((s) => s.weekday === "sat")).toBe(true);
  });
});

describe("pickupSlots across daylight-saving changes", () => {
  it("has 92 slots when New York springs forward, none in the skipped hour", () => {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT.
    const today = on(fromMidnight("America/New_York", "2026-03-08T05:00:00Z"), "today");
    expect(today).toHaveLength(92);
    expect(new Set(isos(today)).size).toBe(92);
    expect(gapsInMinutes(today).every((g) => g === 15)).toBe(true);
    expect(labels(today, "America/New_York").slice(6, 10)).toEqual(["1:30", "1:45", "3:00", "3:15"]);
    expect(labels(today, "America/New_York").some((l) => l.startsWith("2:"))).toBe(false);
    expect(today.at(-1)!.startsAt).toEqual(at("2026-03-09T03:45:00Z"));
  });

  it("has 100 slots when New York falls back, the repeated hour's labels twice", () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST.
    const slots = fromMidnight("America/New_York", "2026-11-01T04:00:00Z");
    const today = on(slots, "today");
    expect(today).toHaveLength(100);
    expect(new Set(isos(today)).size).toBe(100);
    expect(gapsInMinutes(today).every((g) => g === 15)).toBe(true);
    expect(labels(today, "America/New_York").slice(4, 12)).toEqual(["1:00", "1:15", "1:30", "1:45", "1:00", "1:15", "1:30", "1:45"]);
    expect(today[4]!.startsAt).toEqual(at("2026-11-01T05:00:00Z"));
    expect(today[8]!.startsAt).toEqual(at("2026-11-01T06:00:00Z"));
    expect(today.at(-1)!.startsAt).toEqual(at("2026-11-02T04:45:00Z"));
    expect(on(slots, "next")[0]!.startsAt).toEqual(at("2026-11-02T05:00:00Z"));
  });

  it("has 92 and 100 slots on London's change days", () => {
    // 2026-03-29: 01:00 GMT becomes 02:00 BST. 2026-10-25: 02:00 BST becomes 01:00 GMT.
    const spring = on(fromMidnight("Europe/London", "2026-03-29T00:00:00Z"), "today");
    expect(spring).toHaveLength(92);
    expect(labels(spring, "Europe/London").slice(2, 6)).toEqual(["0:30", "0:45", "2:00", "2:15"]);
    expect(spring[4]!.startsAt).toEqual(at("2026-03-29T01:00:00Z"));
    const autumn = on(fromMidnight("Europe/London", "2026-10-24T23:00:00Z"), "today");
    expect(autumn).toHaveLength(100);
    expect(new Set(isos(autumn)).size).toBe(100);
    expect(labels(autumn, "Europe/London").filter((l) => l === "1:30")).toHaveLength(2);
    expect(autumn.at(-1)!.startsAt).toEqual(at("2026-10-25T23:45:00Z"));
  });

  it("starts a period that opens in the skipped hour when the clocks land", () => {
    const early: OpeningHours = { sun: [["02:00", "04:00"]] };
    const today = on(fromMidnight("America/New_York", "2026-03-08T05:00:00Z", early), "today");
    expect(isos(today)).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-08T07:15:00.000Z", "2026-03-08T07:30:00.000Z", "2026-03-08T07:45:00.000Z"]);
    expect(labels(today, "America/New_York")).toEqual(["3:00", "3:15", "3:30", "3:45"]);
  });

  it("copes with Lord Howe Island's half-hour changes", () => {
    // 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11). 2026-04-05: 02:00 (+11) becomes 01:30 (+10:30).
    const spring = on(fromMidnight("Australia/Lord_Howe", "2026-10-03T13:30:00Z"), "today");
    expect(spring).toHaveLength(94);
    expect(labels(spring, "Australia/Lord_Howe").slice(6, 10)).toEqual(["1:30", "1:45", "2:30", "2:45"]);
    expect(gapsInMinutes(spring).every((g) => g === 15)).toBe(true);
    const autumn = on(fromMidnight("Australia/Lord_Howe", "2026-04-04T13:00:00Z"), "today");
    expect(autumn).toHaveLength(98);
    expect(new Set(isos(autumn)).size).toBe(98);
    expect(labels(autumn, "Australia/Lord_Howe").slice(6, 10)).toEqual(["1:30", "1:45", "1:30", "1:45"]);
  });
});

describe("slotLabel", () => {
  it("writes H:MM on a 24-hour clock in the store's zone", () => {
    expect(slotLabel(at("2026-11-23T08:15:00Z"), "UTC")).toBe("8:15");
    expect(slotLabel(at("2026-11-23T17:45:00Z"), "UTC")).toBe("17:45");
    expect(slotLabel(at("2026-11-23T00:30:00Z"), "UTC")).toBe("0:30");
    expect(slotLabel(at("2026-11-23T13:15:00Z"), "America/New_York")).toBe("8:15");
  });
});
