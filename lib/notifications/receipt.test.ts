import { describe, expect, it } from "vitest";
import { moneyFormatFor } from "../money/money-format.ts";
import { readyMessage } from "./customer-messages.ts";
import { buildReceipt, type ReceiptOrder } from "./receipt.ts";

const latte = { name: "Caffè latte", quantity: 2, unitPriceCents: 460, options: [{ name: "Oat milk" }, { name: "Medium", isDefault: true }] };
const tea = { name: "Tea", quantity: 1, unitPriceCents: 300, options: [] };
const nbsp = "\u00a0";

describe("receipt", () => {
  it("EUR in de-DE, VAT included: items with chosen options and line amounts, VAT inside the subtotal, tip, total, paid online", () => {
    const order: ReceiptOrder = { items: [latte, tea], subtotalCents: 1220, taxCents: 195, taxIncluded: true, tipCents: 100, totalCents: 1320, paymentMethod: "ONLINE" };
    const { text, html } = buildReceipt(order, moneyFormatFor("EUR", "de-DE"));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Receipt");
    expect(lines[1]).toMatch(new RegExp(`^2 × Caffè latte \\(Oat milk\\) +9,20${nbsp}€$`));
    expect(lines[1]).toHaveLength(40);
    expect(lines[2]).toMatch(new RegExp(`^1 × Tea +3,00${nbsp}€$`));
    expect(lines.slice(4)).toEqual([
      expect.stringMatching(new RegExp(`^Subtotal +12,20${nbsp}€$`)),
      expect.stringMatching(new RegExp(`^Includes VAT +1,95${nbsp}€$`)),
      expect.stringMatching(new RegExp(`^Tip +1,00${nbsp}€$`)),
      expect.stringMatching(new RegExp(`^Total +13,20${nbsp}€$`)),
      "Payment: Paid online",
    ]);
    expect(text).not.toContain("$");
    expect(html).toContain(`<td style="padding:4px 12px 4px 0">Includes VAT</td><td style="padding:4px 0;text-align:right;white-space:nowrap">1,95${nbsp}€</td>`);
    expect(html).toContain("<p style=\"margin:8px 0\">Payment: Paid online</p>");
  });

  it("USD in en-US, tax added: a Tax line, no tip line without a tip, card at the till", () => {
    const order: ReceiptOrder = { items: [tea], subtotalCents: 300, taxCents: 37, taxIncluded: false, tipCents: 0, totalCents: 337, paymentMethod: "CARD_AT_TILL" };
    const lines = buildReceipt(order, moneyFormatFor("USD", "en-US")).text.split("\n");
    expect(lines.map((l) => l.replace(/ {2,}/g, " | "))).toEqual([
      "Receipt",
      "1 × Tea | $3.00",
      "-".repeat(40),
      "Subtotal | $3.00",
      "Tax | $0.37",
      "Total | $3.37",
      "Payment: Card at the till",
    ]);
  });

  it("JPY in ja-JP: whole yen, no decimals; cash and pay at pickup named as such; no tax line without tax", () => {
    const order: ReceiptOrder = { items: [{ ...latte, unitPriceCents: 480 }], subtotalCents: 960, taxCents: 0, taxIncluded: false, tipCents: 50, totalCents: 1010, paymentMethod: "CASH" };
    const yen = moneyFormatFor("JPY", "ja-JP");
    const { text } = buildReceipt(order, yen);
    expect(text).toMatch(/^2 × Caffè latte \(Oat milk\) +￥960$/m);
    expect(text).toMatch(/^Tip +￥50$/m);
    expect(text).toMatch(/^Total +￥1,010$/m);
    expect(text).not.toMatch(/Tax|VAT|\./);
    expect(text).toMatch(/^Payment: Cash$/m);
    expect(buildReceipt({ ...order, paymentMethod: "PAY_AT_PICKUP" }, yen).text).toMatch(/^Payment: Pay at pickup$/m);
  });

  it("escapes item names in the HTML, and rides in the ready email's text and HTML parts (not the text message)", () => {
    const order: ReceiptOrder = { items: [{ ...tea, name: "<b>Tea</b> & co" }], subtotalCents: 300, taxCents: 0, taxIncluded: false, tipCents: 0, totalCents: 300, paymentMethod: "PAY_AT_PICKUP" };
    const receipt = buildReceipt(order, moneyFormatFor("USD", "en-US"));
    expect(receipt.html).toContain("1 × &lt;b&gt;Tea&lt;/b&gt; &amp; co");
    expect(receipt.html).not.toContain("<b>Tea</b>");
    const message = readyMessage({ customerName: "Ada", ticketNumber: 4, storeName: "Brewline", receipt });
    expect(message.email.text).toContain(`is ready for pickup.\n\n${receipt.text}\n\n— Brewline`);
    expect(message.email.html).toContain(receipt.html);
    expect(message.sms).not.toContain("Receipt");
  });
});
