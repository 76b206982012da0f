import { describe, expect, it } from "vitest";
import { FIRE_LATE_AFTER_SECONDS, isFiredLate } from "./fire-lateness.ts";

const fireAt = new Date("2026-03-02T08:00:00.000Z");
const after = (seconds: number) => new Date(fireAt.getTime() + seconds * 1000);

describe("isFiredLate", () => {
  it("is late only beyond the allowance", () => {
    expect(isFiredLate({ fireAt, firedAt: after(1) })).toBe(false);
    expect(isFiredLate({ fireAt, firedAt: after(FIRE_LATE_AFTER_SECONDS) })).toBe(false);
    expect(isFiredLate({ fireAt, firedAt: after(FIRE_LATE_AFTER_SECONDS + 0.001) })).toBe(true);
    expect(isFiredLate({ fireAt, firedAt: after(300) })).toBe(true);
  });

  it("is never late for an ASAP order or one not fired yet", () => {
    expect(isFiredLate({ fireAt: null, firedAt: null })).toBe(false);
    expect(isFiredLate({ fireAt, firedAt: null })).toBe(false);
    expect(isFiredLate({ fireAt: null, firedAt: after(300) })).toBe(false);
  });
});
