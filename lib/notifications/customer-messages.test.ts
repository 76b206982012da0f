import { describe, expect, it } from "vitest";
import { moneyFormatFor } from "../money/money-format.ts";
import { cancelledMessage, customerMessage, readyMessage } from "./customer-messages.ts";
import { refundSentence } from "./templates.ts";

describe("ready message", () => {
  it("reads the same on SMS and in the email", () => {
    const input = { customerName: "Ada", ticketNumber: 42, storeName: "Brewline Coffee" };
    const message = readyMessage(input);
    expect(message.sms).toBe("Ada, your Brewline Coffee order #42 is ready for pickup.");
    expect(message.email.subject).toContain("#42");
    expect(message.email.text).toContain("Ada, your Brewline Coffee order #42 is ready for pickup.");
    expect(message.email.html).toContain("Your coffee is ready");
  });

  it("escapes the customer's name in the HTML", () => {
    const { html } = readyMessage({ customerName: "<b>Bo</b> & Co", ticketNumber: 1, storeName: "Brewline" }).email;
    expect(html).toContain("&lt;b&gt;Bo&lt;/b&gt; &amp; Co");
    expect(html).not.toContain("<b>Bo</b>");
  });
});

describe("cancelled message", () => {
  it("gives the barista's reason and says what to do, on SMS and in the email", () => {
    const message = cancelledMessage({ customerName: "Ana", ticketNumber: 12, storeName: "Brewline", reason: "Out of oat milk" });
    const line = "Sorry Ana, your Brewline order #12 was cancelled: Out of oat milk. Please see the barista.";
    expect(message.sms).toBe(line);
    expect(message.email.subject).toBe("Your order #12 was cancelled");
    expect(message.email.text).toContain(line);
    expect(message.email.html).toContain("Your order was cancelled");
  });

  it("does not double the full stop of a reason that has one, and escapes it in the HTML", () => {
    const message = cancelledMessage({ customerName: "Ana", ticketNumber: 3, storeName: "Brewline", reason: "Machine <down>!" });
    expect(message.sms).toContain("was cancelled: Machine <down>. Please see the barista.");
    expect(message.email.html).toContain("Machine &lt;down&gt;.");
  });
});

describe("cancelled message of an order paid online", () => {
  const eur = moneyFormatFor("EUR", "de-DE");
  const input = { customerName: "Ana", ticketNumber: 12, storeName: "Brewline", reason: "Out of oat milk" };

  it("says the payment was refunded once the refund succeeded, on SMS and email, in the store's currency", () => {
    const refund = refundSentence("SUCCEEDED", 450, eur);
    expect(refund).toBe("Your payment of 4,50\u00a0€ has been refunded to your card; it can take 5-10 days to show.");
    const message = cancelledMessage({ ...input, refund });
    expect(message.sms).toBe(`Sorry Ana, your Brewline order #12 was cancelled: Out of oat milk. Please see the barista. ${refund}`);
    expect(message.email.text).toContain(refund);
    expect(message.email.html).toContain("Your payment of 4,50\u00a0€ has been refunded");
  });

  it("promises the refund while it is pending or after it failed", () => {
    for (const state of ["PENDING", "FAILED"] as const) {
      expect(refundSentence(state, 450, moneyFormatFor("USD", "en-US"))).toBe("We'll refund your payment of $4.50 — talk to us if you don't see it in a few days.");
    }
    expect(refundSentence("PENDING", 450, moneyFormatFor("JPY", "ja-JP"))).toContain("payment of ￥450 ");
  });

  it("appends the refund to a manager's template written without {refund}, and leaves no trace when nothing was paid online", () => {
    const templates = { "order.cancelled:SMS": { subject: null, body: "Sorry {name}: {reason}." } };
    const refund = refundSentence("SUCCEEDED", 450, eur);
    expect(cancelledMessage({ ...input, refund }, templates).sms).toBe(`Sorry Ana: Out of oat milk. ${refund}`);
    expect(cancelledMessage(input, templates).sms).toBe("Sorry Ana: Out of oat milk.");
    expect(cancelledMessage(input).email.text).toContain("Please see the barista.\n\n— Brewline");
  });
});

describe("unsubscribe footer", () => {
  const input = { customerName: "Ada", ticketNumber: 7, storeName: "Brewline" };
  const unsubscribe = { oneClickUrl: "https://cafe.example/api/unsubscribe/abc_DEF-123", pageUrl: "https://cafe.example/unsubscribe/abc_DEF-123?a=1&b=\"2\"" };
  const events = [
    { type: "order.ready", outboxId: "o", orderId: "x", ticketNumber: 7, customerName: "Ada", readyAt: "2026-01-01T00:00:00Z" },
    { type: "order.cancelled", outboxId: "o", orderId: "x", ticketNumber: 7, customerName: "Ada", reason: "Closed", cancelledAt: "2026-01-01T00:00:00Z" },
  ] as const;

  it.each(events)("ends the $type email's text and HTML with the page's link, escaped; the text and push words are unchanged", (event) => {
    const plain = customerMessage(event, input);
    const message = customerMessage(event, input, {}, { unsubscribe });
    expect(message.email.text).toBe(`${plain.email.text}\nDon't want these emails? Unsubscribe: ${unsubscribe.pageUrl}\n`);
    expect(message.email.html).toContain(
      `<p style="color:#78716c;font-size:12px">Don&#39;t want these emails? <a href="https://cafe.example/unsubscribe/abc_DEF-123?a=1&amp;b=&quot;2&quot;" style="color:#78716c">Unsubscribe</a></p></body></html>`,
    );
    expect(message.email.html).not.toContain(unsubscribe.oneClickUrl);
    expect({ sms: message.sms, push: message.push, subject: message.email.subject }).toEqual({ sms: plain.sms, push: plain.push, subject: plain.email.subject });
  });

  it("is absent without links", () => {
    const { text, html } = customerMessage(events[0], input).email;
    expect(text).not.toMatch(/unsubscribe/i);
    expect(html).not.toMatch(/unsubscribe/i);
  });
});
