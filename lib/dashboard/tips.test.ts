import { describe, expect, it } from "vitest";
import { computeTips, type TipsOrder } from "./tips.ts";

const order = (o: Partial<TipsOrder>): TipsOrder => ({ businessDate: "2026-11-27", status: "READY", claimedBy: "Sam", tipCents: 0, ...o });

describe("computeTips", () => {
  const tips = computeTips([
    order({ tipCents: 100 }),
    order({ tipCents: 50, claimedBy: "Ana" }),
    order({ tipCents: 25 }),
    order({ tipCents: 0 }),
    order({ tipCents: 30, claimedBy: null, status: "QUEUED" }),
    order({ tipCents: 999, status: "CANCELLED" }),
    order({ businessDate: "2026-11-26", tipCents: 200, claimedBy: "Ana" }),
  ]);

  it("totals per business day, oldest first, leaving cancelled (refunded) orders out", () => {
    expect(tips).toMatchObject({ orders: 6, tippedOrders: 5, tipCents: 405 });
    expect(tips.perDay).toEqual([
      { businessDate: "2026-11-26", orders: 1, tippedOrders: 1, tipCents: 200 },
      { businessDate: "2026-11-27", orders: 5, tippedOrders: 4, tipCents: 205 },
    ]);
  });

  it("totals per barista shift (one barista's day), the orders nobody started last in their day", () => {
    expect(tips.perShift).toEqual([
      { businessDate: "2026-11-26", barista: "Ana", orders: 1, tippedOrders: 1, tipCents: 200 },
      { businessDate: "2026-11-27", barista: "Sam", orders: 3, tippedOrders: 2, tipCents: 125 },
      { businessDate: "2026-11-27", barista: "Ana", orders: 1, tippedOrders: 1, tipCents: 50 },
      { businessDate: "2026-11-27", barista: null, orders: 1, tippedOrders: 1, tipCents: 30 },
    ]);
  });

  it("is all zeros without orders", () => {
    expect(computeTips([])).toEqual({ orders: 0, tippedOrders: 0, tipCents: 0, perDay: [], perShift: [] });
  });
});
