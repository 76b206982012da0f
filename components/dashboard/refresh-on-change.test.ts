import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refreshOnChange } from "./refresh-on-change.ts";

describe("refreshOnChange", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ignores the event that opens the stream, then refreshes once per burst", () => {
    const refresh = vi.fn();
    const changes = refreshOnChange(refresh, 1_000);
    changes.changed();
    vi.advanceTimersByTime(5_000);
    expect(refresh).not.toHaveBeenCalled();

    changes.changed();
    vi.advanceTimersByTime(400);
    changes.changed();
    changes.changed();
    vi.advanceTimersByTime(599);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);

    // The first event after a reconnect is news: the page may have missed changes.
    changes.changed();
    vi.advanceTimersByTime(1_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("drops a pending refresh when cancelled", () => {
    const refresh = vi.fn();
    const changes = refreshOnChange(refresh, 1_000);
    changes.changed();
    changes.changed();
    changes.cancel();
    vi.advanceTimersByTime(2_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
