import { describe, expect, it } from "vitest";
import { computeOrderStats, mean, percentile, type StatsOrder } from "./stats.ts";

describe("percentile (nearest rank)", () => {
  it("is null without values", () => {
    expect(percentile([], 90)).toBeNull();
    expect(mean([])).toBeNull();
  });
  it("is the value itself for one value, whatever p", () => {
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([42], 100)).toBe(42);
  });
  it("picks an observed value: ceil(p/100 · n)-th smallest, input order irrelevant", () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 100)).toBe(10);
    expect(percentile([1, 2, 3], 90)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
  it("handles ties without interpolating", () => {
    expect(percentile([5, 5, 5, 5], 90)).toBe(5);
    expect(percentile([1, 7, 7, 7, 7, 7, 7, 7, 7, 100], 90)).toBe(7);
    expect(percentile([1, 2, 2, 2, 2, 2, 2, 2, 2, 100], 95)).toBe(100);
  });
  it("refuses p outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

const at = (hhmm: string, seconds = 0) => new Date(Date.parse(`2026-11-27T${hhmm}:00Z`) + seconds * 1000);
const latte = (options: { name: string; isDefault?: boolean }[] = [], quantity = 1) => ({ name: "Latte", quantity, options });
const order = (o: Partial<StatsOrder> & Pick<StatsOrder, "createdAt">): StatsOrder => ({
  status: "READY",
  startedAt: null,
  readyAt: null,
  cancelledAt: null,
  cancelReason: null,
  subtotalCents: 500,
  taxCents: 40,
  taxIncluded: false,
  tipCents: 0,
  items: [latte()],
  ...o,
});

describe("computeOrderStats", () => {
  const orders: StatsOrder[] = [
    // waits 300 s and 600 s, preps 120 s and 240 s
    order({ createdAt: at("08:05"), startedAt: at("08:08"), readyAt: at("08:10"), items: [latte([{ name: "Oat milk" }, { name: "Medium", isDefault: true }], 2)] }),
    order({ createdAt: at("08:40"), startedAt: at("08:46"), readyAt: at("08:50"), items: [{ name: "Tea", quantity: 1, options: [] }, latte([{ name: "Oat milk" }])] }),
    order({ createdAt: at("09:15"), status: "IN_PROGRESS", startedAt: at("09:16"), taxIncluded: true, tipCents: 75 }),
    order({ createdAt: at("09:20"), status: "CANCELLED", cancelReason: "Out of oat milk", subtotalCents: 700, taxCents: 60, tipCents: 100 }),
    order({ createdAt: at("09:25"), status: "CANCELLED", cancelReason: " " }),
  ];
  const stats = computeOrderStats(orders, "UTC");

  it("counts by status and per hour of the store's day", () => {
    expect(stats.counts).toEqual({ PLACED: 0, QUEUED: 0, IN_PROGRESS: 1, READY: 2, CANCELLED: 2 });
    expect(stats.total).toBe(5);
    expect(stats.perHour[8]).toEqual({ hour: 8, orders: 2 });
    expect(stats.perHour[9]).toEqual({ hour: 9, orders: 3 });
    expect(stats.perHour.reduce((n, h) => n + h.orders, 0)).toBe(5);
    // The same instants in New York (UTC−5 in November) fall three and four hours earlier.
    expect(computeOrderStats(orders, "America/New_York").perHour[3]!.orders).toBe(2);
  });

  it("times ready orders: wait placed → ready, prep started → ready, overall and per drink", () => {
    expect(stats.timing.wait).toEqual({ count: 2, avgMs: 450_000, p90Ms: 600_000 });
    expect(stats.timing.prep).toEqual({ count: 2, avgMs: 180_000, p90Ms: 240_000 });
    expect(stats.timingByDrink.map((d) => [d.name, d.wait.count, d.wait.p90Ms])).toEqual([
      ["Latte", 2, 600_000],
      ["Tea", 1, 600_000],
    ]);
  });

  it("leaves cancelled orders out of revenue and drinks, tips and included VAT apart, and groups their reasons", () => {
    expect(stats.revenue).toEqual({ orders: 3, subtotalCents: 1500, taxAddedCents: 80, taxIncludedCents: 40, tipCents: 75 });
    expect(stats.cancellations).toEqual({
      count: 2,
      byReason: [
        { name: "(no reason given)", count: 1 },
        { name: "Out of oat milk", count: 1 },
      ],
    });
  });

  it("ranks drinks by quantity and chosen (non-default) options per drink", () => {
    expect(stats.topDrinks).toEqual([
      { name: "Latte", count: 4 },
      { name: "Tea", count: 1 },
    ]);
    expect(stats.topOptions).toEqual([{ name: "Oat milk", count: 3 }]);
  });

  it("is all zeros and nulls for a day without orders", () => {
    const empty = computeOrderStats([], "UTC");
    expect(empty.total).toBe(0);
    expect(empty.timing.wait).toEqual({ count: 0, avgMs: null, p90Ms: null });
    expect(empty.timingByDrink).toEqual([]);
    expect(empty.perHour).toHaveLength(24);
  });
});
