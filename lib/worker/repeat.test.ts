import { afterEach, describe, expect, it, vi } from "vitest";
import { repeat } from "./repeat.ts";

afterEach(() => vi.useRealTimers());

/** Start times of the runs within `ms` of fake time. */
async function runsWithin(ms: number, result: () => unknown, intervalMs = 1000) {
  vi.useFakeTimers();
  const starts: number[] = [];
  const loop = repeat("test", intervalMs, async () => {
    starts.push(Date.now());
    return result();
  });
  const t0 = Date.now();
  await vi.advanceTimersByTimeAsync(ms);
  await loop.stop();
  return starts.map((t) => t - t0);
}

describe("repeat", () => {
  it("runs again intervalMs after each run", async () => {
    expect(await runsWithin(2500, () => undefined)).toEqual([0, 1000, 2000]);
  });

  it("runs sooner when the run says when it is next needed, never later than the interval", async () => {
    expect(await runsWithin(1000, () => ({ nextRunInMs: 300 }))).toEqual([0, 300, 600, 900]);
    expect(await runsWithin(2500, () => ({ nextRunInMs: Infinity }))).toEqual([0, 1000, 2000]);
    expect(await runsWithin(10, () => ({ nextRunInMs: -5 })).then((s) => s.length)).toBeGreaterThan(5);
  });

  it("keeps going after a failing run, at the interval", async () => {
    let n = 0;
    const starts = await runsWithin(2500, () => {
      n += 1;
      if (n === 1) throw new Error("database down");
      return { nextRunInMs: 100 };
    });
    expect(starts.slice(0, 3)).toEqual([0, 1000, 1100]);
  });
});
