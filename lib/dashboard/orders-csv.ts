import { minorUnitsToDecimal } from "../money/money-format.ts";
import type { StatsOrder } from "./stats.ts";

// Orders as CSV for a spreadsheet (RFC 4180: CRLF, fields quoted when needed, quotes
// doubled). Cells a spreadsheet would run as a formula (=, +, -, @, and the tab/CR that
// some apps strip first) get a leading apostrophe: a customer named "=HYPERLINK(…)" must
// stay text on the manager's machine (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  // Our own numbers (cents, counts) are never formulas; a negative one must stay a number.
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (cells: readonly (string | number | null | undefined)[]) => cells.map(csvCell).join(",");

/** The order the statistics read, plus what a spreadsheet row adds; any status text. */
export type CsvOrder = Omit<StatsOrder, "status"> & {
  businessDate: string;
  ticketNumber: number;
  status: string;
  source: string;
  customerName: string;
  totalCents: number;
  paymentMethod: string;
  paymentStatus: string;
  /** The order's Refund row's status; null when there is none. */
  refundStatus: string | null;
  /** Barista who pressed Start: tips per shift in a spreadsheet. */
  claimedBy: string | null;
};

const ORDER_CSV_HEADER = [
  "business_date",
  "ticket",
  "status",
  "source",
  "customer",
  "placed_at",
  "started_at",
  "ready_at",
  "cancelled_at",
  "cancel_reason",
  "items",
  "item_count",
  "subtotal",
  "tax",
  "total",
  "tip",
  // true: tax is the VAT inside subtotal (total = subtotal + tip); false: added to it.
  "tax_included",
  "payment_method",
  "payment_status",
  "refund_status",
  "barista",
] as const;

const iso = (d: Date | null) => d?.toISOString() ?? "";

/** "2× Latte (Oat milk, Large); 1× Tea": the chosen, non-default options only. */
export function summarizeItems(items: CsvOrder["items"]): string {
  return items
    .map((i) => {
      const chosen = i.options.filter((o) => o.isDefault !== true).map((o) => o.name);
      return `${i.quantity}× ${i.name}${chosen.length ? ` (${chosen.join(", ")})` : ""}`;
    })
    .join("; ");
}

/**
 * One row per order; amounts in major units with a dot ("4.50", "450" for yen), `digits`
 * being the store currency's (MoneyFormat.digits), so a spreadsheet reads them as numbers.
 */
export function ordersCsv(orders: readonly CsvOrder[], options: { digits: number }): string {
  const money = (minor: number) => minorUnitsToDecimal(minor, options.digits);
  const lines = [csvRow(ORDER_CSV_HEADER)];
  for (const o of orders) {
    lines.push(
      csvRow([
        o.businessDate,
        o.ticketNumber,
        o.status,
        o.source,
        o.customerName,
        iso(o.createdAt),
        iso(o.startedAt),
        iso(o.readyAt),
        iso(o.cancelledAt),
        o.cancelReason,
        summarizeItems(o.items),
        o.items.reduce((n, i) => n + i.quantity, 0),
        money(o.subtotalCents),
        money(o.taxCents),
        money(o.totalCents),
        money(o.tipCents),
        String(o.taxIncluded),
        o.paymentMethod,
        o.paymentStatus,
        o.refundStatus,
        o.claimedBy,
      ]),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
