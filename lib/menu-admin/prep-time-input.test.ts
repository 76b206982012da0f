import { describe, expect, it } from "vitest";
import { formatPrepTime, parsePrepTimeInput, prepTimeInputText } from "./prep-time-input.ts";

describe("prep time input", () => {
  it("reads minutes:seconds, whole minutes and seconds; empty is automatic", () => {
    expect(parsePrepTimeInput("1:30")).toBe(90);
    expect(parsePrepTimeInput(" 0:45 ")).toBe(45);
    expect(parsePrepTimeInput("2")).toBe(120);
    expect(parsePrepTimeInput("3 min")).toBe(180);
    expect(parsePrepTimeInput("45s")).toBe(45);
    expect(parsePrepTimeInput("90 seconds")).toBe(90);
    expect(parsePrepTimeInput("60:00")).toBe(3600);
    expect(parsePrepTimeInput("")).toBeNull();
    expect(parsePrepTimeInput("   ")).toBeNull();
  });

  it("refuses typos and times out of range rather than guessing", () => {
    for (const text of ["1.30", "1:75", "5s", "0:09", "60:01", "90", "abc", "-1:00", "1:3"]) expect(parsePrepTimeInput(text), text).toBeUndefined();
  });

  it("shows stored seconds the way they are typed", () => {
    expect(formatPrepTime(90)).toBe("1:30");
    expect(formatPrepTime(3600)).toBe("60:00");
    expect(formatPrepTime(null)).toBe("automatic");
    expect(prepTimeInputText(null)).toBe("");
    for (const seconds of [10, 59, 61, 125, 3599]) expect(parsePrepTimeInput(prepTimeInputText(seconds))).toBe(seconds);
  });
});
