import { describe, expect, it } from "vitest";
import type { OrderBoardEntry } from "../../lib/kitchen/kitchen-types.ts";
import { boardView, columnEntries, density, FRESH_READY_MS } from "./board-view.ts";

const now = Date.parse("2026-01-01T10:10:00.000Z");
const ago = (ms: number) => new Date(now - ms).toISOString();
const entry = (ticketNumber: number, patch: Partial<OrderBoardEntry> = {}): OrderBoardEntry => ({
  ticketNumber,
  firstName: `Name${ticketNumber}`,
  status: "READY",
  readyAt: null,
  ...patch,
});

describe("order board view", () => {
  it("drops ready orders once their time on the board is up, without a new event", () => {
    const data = {
      preparing: [entry(4, { status: "QUEUED" })],
      ready: [entry(1, { readyAt: ago(5_000) }), entry(2, { readyAt: ago(299_000) }), entry(3, { readyAt: ago(300_000) })],
      readyForSeconds: 300,
    };
    const view = boardView(data, now);
    expect(view.ready.map((e) => e.ticketNumber)).toEqual([1, 2]);
    expect(view.preparing).toBe(data.preparing);
  });

  it("highlights orders that just became ready", () => {
    const data = { preparing: [], ready: [entry(1, { readyAt: ago(1_000) }), entry(2, { readyAt: ago(FRESH_READY_MS) }), entry(3)], readyForSeconds: 300 };
    expect(boardView(data, now).ready.map((e) => [e.ticketNumber, e.fresh])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });

  it("shrinks the type as a column fills and sums up what does not fit", () => {
    expect(density(0)).toBe("large");
    expect(density(8)).toBe("large");
    expect(density(9)).toBe("medium");
    expect(density(40)).toBe("small");
    const many = Array.from({ length: 40 }, (_, i) => i);
    expect(columnEntries(many)).toMatchObject({ more: 8, density: "small" });
    expect(columnEntries(many).shown).toHaveLength(32);
    expect(columnEntries([1, 2])).toEqual({ shown: [1, 2], more: 0, density: "large" });
  });
});
