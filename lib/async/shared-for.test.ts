import { afterEach, describe, expect, it, vi } from "vitest";
import { sharedFor } from "./shared-for.ts";

afterEach(() => vi.useRealTimers());

describe("sharedFor", () => {
  it("gives every caller within the window the same read, then reads again", async () => {
    vi.useFakeTimers();
    let reads = 0;
    const read = sharedFor(2000, async () => ++reads);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    vi.advanceTimersByTime(2000);
    expect(await read()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it("does not keep a failed read", async () => {
    let reads = 0;
    const read = sharedFor(60_000, async () => {
      reads += 1;
      if (reads === 1) throw new Error("database down");
      return reads;
    });
    await expect(read()).rejects.toThrow("database down");
    expect(await read()).toBe(2);
  });
});
