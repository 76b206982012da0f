import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextBackupTime } from "./backups.ts";

// Node applies a TZ set at run time to Date's local fields; the launcher uses the
// machine's zone, these tests a fixed one with daylight saving time.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("nextBackupTime", () => {
  it("is later today before the hour, tomorrow at or after it", () => {
    // 2026-06-10 01:30 EDT (UTC-4).
    expect(nextBackupTime(new Date("2026-06-10T05:30:00Z"), 3).toISOString()).toBe("2026-06-10T07:00:00.000Z");
    expect(nextBackupTime(new Date("2026-06-10T07:00:00Z"), 3).toISOString()).toBe("2026-06-11T07:00:00.000Z");
    expect(nextBackupTime(new Date("2026-06-10T20:00:00Z"), 0).toISOString()).toBe("2026-06-11T04:00:00.000Z");
    expect(nextBackupTime(new Date("2026-12-31T12:00:00Z"), 23).toISOString()).toBe("2027-01-01T04:00:00.000Z");
  });

  it("stays at 03:00 local across the spring-forward night (a 23-hour day)", () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT.
    const before = nextBackupTime(new Date("2026-03-07T09:00:00Z"), 3);
    expect(before.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(nextBackupTime(before, 3).toISOString()).toBe("2026-03-09T07:00:00.000Z");
    expect(before.getHours()).toBe(3);
  });

  it("runs once, right after, when the hour does not exist that night", () => {
    // 02:00 does not happen on 2026-03-08; the backup runs at 03:00 EDT, then 02:00 again.
    const skipped = nextBackupTime(new Date("2026-03-07T12:00:00Z"), 2);
    expect(skipped.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(nextBackupTime(skipped, 2).toISOString()).toBe("2026-03-09T06:00:00.000Z");
  });

  it("runs once when the hour happens twice (fall back), then keeps the new offset", () => {
    // 2026-11-01 01:00 happens at 05:00Z (EDT) and again at 06:00Z (EST).
    const first = nextBackupTime(new Date("2026-10-31T12:00:00Z"), 1);
    expect(first.toISOString()).toBe("2026-11-01T05:00:00.000Z");
    expect(nextBackupTime(first, 1).toISOString()).toBe("2026-11-02T06:00:00.000Z");
    expect(nextBackupTime(new Date("2026-11-01T05:30:00Z"), 1).toISOString()).toBe("2026-11-02T06:00:00.000Z");
    expect(nextBackupTime(new Date("2026-10-31T12:00:00Z"), 3).toISOString()).toBe("2026-11-01T08:00:00.000Z");
  });
});
