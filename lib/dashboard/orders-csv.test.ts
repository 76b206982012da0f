import { describe, expect, it } from "vitest";
import { csvCell, ordersCsv, summarizeItems, type CsvOrder } from "./orders-csv.ts";
import { parseDateRange, shiftDay } from "./date-range.ts";

describe("csvCell", () => {
  it("quotes separators, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(-3)).toBe("-3");
  });
  it("keeps text that a spreadsheet would run as a formula as text", () => {
    for (const evil of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"]) expect(csvCell(evil).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("Ada = 1")).toBe("Ada = 1");
  });
});

describe("ordersCsv", () => {
  const order: CsvOrder = {
    businessDate: "2026-11-27",
    ticketNumber: 7,
    status: "READY",
    source: "ONLINE",
    customerName: "=cmd|' /C calc'!A0",
    createdAt: new Date("2026-11-27T08:00:00Z"),
    startedAt: null,
    readyAt: new Date("2026-11-27T08:05:00Z"),
    cancelledAt: null,
    cancelReason: null,
    subtotalCents: 1050,
    taxCents: 87,
    totalCents: 1337,
    tipCents: 200,
    taxIncluded: false,
    paymentMethod: "ONLINE",
    paymentStatus: "PAID",
    refundStatus: null,
    claimedBy: "Sam",
    items: [
      { name: "Latte", quantity: 2, options: [{ name: "Oat milk" }, { name: "Medium", isDefault: true }] },
      { name: "Tea", quantity: 1, options: [] },
    ],
  };
  it("writes a header and one CRLF-terminated row per order, items summarised", () => {
    const lines = ordersCsv([order], { digits: 2 }).split("\r\n");
    expect(lines[0]).toMatch(/^business_date,ticket,status,.*,subtotal,tax,total,tip,tax_included,payment_method,payment_status,refund_status,barista$/);
    expect(lines[1]).toBe(
      "2026-11-27,7,READY,ONLINE,'=cmd|' /C calc'!A0,2026-11-27T08:00:00.000Z,,2026-11-27T08:05:00.000Z,,,2× Latte (Oat milk); 1× Tea,3,10.50,0.87,13.37,2.00,false,ONLINE,PAID,,Sam",
    );
    expect(lines[2]).toBe("");
    expect(summarizeItems(order.items)).toBe("2× Latte (Oat milk); 1× Tea");
  });
  it("writes amounts in the store currency's digits, not cents/100 (yen have none), with the refund's status", () => {
    const yen = { ...order, claimedBy: null, subtotalCents: 450, taxCents: 41, totalCents: 500, tipCents: 50, taxIncluded: true, status: "CANCELLED", paymentStatus: "REFUNDED", refundStatus: "SUCCEEDED" };
    expect(ordersCsv([yen], { digits: 0 }).split("\r\n")[1]).toMatch(/,3,450,41,500,50,true,ONLINE,REFUNDED,SUCCEEDED,$/);
    expect(ordersCsv([{ ...yen, tipCents: 5 }], { digits: 3 }).split("\r\n")[1]).toMatch(/,0\.450,0\.041,0\.500,0\.005,/);
  });
});

describe("parseDateRange", () => {
  const now = new Date("2026-11-27T03:00:00Z");
  it("defaults to today in the store's zone", () => {
    expect(parseDateRange({}, { timeZone: "UTC", now })).toEqual({ from: "2026-11-27", to: "2026-11-27" });
    expect(parseDateRange({}, { timeZone: "America/Los_Angeles", now })).toEqual({ from: "2026-11-26", to: "2026-11-26" });
  });
  it("takes one day, swaps a reversed range, and refuses junk and huge ranges", () => {
    expect(parseDateRange({ from: "2026-11-20" }, { timeZone: "UTC", now })).toEqual({ from: "2026-11-20", to: "2026-11-20" });
    expect(parseDateRange({ from: "2026-11-25", to: "2026-11-20" }, { timeZone: "UTC", now })).toEqual({ from: "2026-11-20", to: "2026-11-25" });
    expect(() => parseDateRange({ from: "yesterday" }, { timeZone: "UTC", now })).toThrow(/from must be a date/);
    expect(() => parseDateRange({ from: "2020-01-01", to: "2026-01-01" }, { timeZone: "UTC", now })).toThrow(/at most/);
  });
  it("shifts business dates across month ends", () => {
    expect(shiftDay("2026-12-01", -1)).toBe("2026-11-30");
    expect(shiftDay("2026-02-28", 1)).toBe("2026-03-01");
  });
});
