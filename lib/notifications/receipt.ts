import type { PaymentMethod } from "../generated/prisma/enums.ts";
import { formatMinorUnits, type MoneyFormat } from "../money/money-format.ts";
import type { ItemOption } from "../messages/order-item-options.ts";
import { escapeHtml } from "./templates.ts";

// The receipt in the "ready" email: what was bought and paid, as the order recorded it
// (prices at order time), in the order's currency written the store's way. Pure, so the
// wording for each currency and tax style is unit-tested (receipt.test.ts).

type ReceiptItem = { name: string; quantity: number; unitPriceCents: number; options: ItemOption[] };

export type ReceiptOrder = {
  items: ReceiptItem[];
  subtotalCents: number;
  taxCents: number;
  /** VAT inside the subtotal ("Includes VAT"), rather than tax added to it ("Tax"). */
  taxIncluded: boolean;
  tipCents: number;
  totalCents: number;
  paymentMethod: PaymentMethod;
};

export type Receipt = { text: string; html: string };

const PAID_BY: Record<PaymentMethod, string> = {
  ONLINE: "Paid online",
  CASH: "Cash",
  CARD_AT_TILL: "Card at the till",
  PAY_AT_PICKUP: "Pay at pickup",
};

type Line = { label: string; amount: string; strong?: boolean };

/** "2 × Caffè latte (Oat milk, Large)": the options chosen over the default only. */
function itemLabel(item: ReceiptItem): string {
  const chosen = item.options.filter((o) => o.isDefault !== true).map((o) => o.name);
  return `${item.quantity} × ${item.name}${chosen.length ? ` (${chosen.join(", ")})` : ""}`;
}

function receiptLines(order: ReceiptOrder, format: MoneyFormat): { items: Line[]; totals: Line[]; paidBy: string } {
  const money = (minor: number) => formatMinorUnits(minor, format);
  const totals: Line[] = [{ label: "Subtotal", amount: money(order.subtotalCents) }];
  if (order.taxIncluded) totals.push({ label: "Includes VAT", amount: money(order.taxCents) });
  else if (order.taxCents > 0) totals.push({ label: "Tax", amount: money(order.taxCents) });
  if (order.tipCents > 0) totals.push({ label: "Tip", amount: money(order.tipCents) });
  totals.push({ label: "Total", amount: money(order.totalCents), strong: true });
  return {
    items: order.items.map((i) => ({ label: itemLabel(i), amount: money(i.unitPriceCents * i.quantity) })),
    totals,
    paidBy: `Payment: ${PAID_BY[order.paymentMethod]}`,
  };
}

const TEXT_WIDTH = 40;

/** One plain-text line: the amount right-aligned on a 40-character line when the label leaves room. */
const textLine = (l: Line) => `${l.label}  ${l.amount.padStart(Math.max(0, TEXT_WIDTH - l.label.length - 2))}`;

export function buildReceipt(order: ReceiptOrder, format: MoneyFormat): Receipt {
  const { items, totals, paidBy } = receiptLines(order, format);
  const text = ["Receipt", ...items.map(textLine), "-".repeat(TEXT_WIDTH), ...totals.map(textLine), paidBy].join("\n");
  const row = (l: Line, border = false) =>
    `<tr${border ? ` style="border-top:1px solid #d6d3d1"` : ""}><td style="padding:4px 12px 4px 0${l.strong ? ";font-weight:700" : ""}">${escapeHtml(l.label)}</td>` +
    `<td style="padding:4px 0;text-align:right;white-space:nowrap${l.strong ? ";font-weight:700" : ""}">${escapeHtml(l.amount)}</td></tr>`;
  const html = [
    `<h2 style="font-size:16px;margin:24px 0 8px">Receipt</h2>`,
    `<table style="border-collapse:collapse;min-width:280px">`,
    ...items.map((l) => row(l)),
    ...totals.map((l, i) => row(l, i === 0)),
    `</table>`,
    `<p style="margin:8px 0">${escapeHtml(paidBy)}</p>`,
  ].join("");
  return { text, html };
}
