import { describe, expect, it } from "vitest";
import { cancelledMessage, readyMessage } from "./customer-messages.ts";
import { moneyFormatFor } from "../money/money-format.ts";
import { DEFAULT_TEMPLATES, renderHtmlParagraphs, renderTemplate, SAMPLE_VALUES, sampleValues, smsLengthWarning, TEMPLATE_KEYS, validateTemplate } from "./templates.ts";

const values = { name: "Ada", ticket: "7", store: "Brewline", reason: "", refund: "" };

describe("renderTemplate", () => {
  it("fills every known placeholder, as often as it appears, and leaves other braces alone", () => {
    expect(renderTemplate("{name} #{ticket} at {store}, {name}!", values)).toBe("Ada #7 at Brewline, Ada!");
    expect(renderTemplate("a {b} c {", values)).toBe("a {b} c {");
  });

  it("does not expand placeholders typed into a value", () => {
    expect(renderTemplate("Hi {name}", { ...values, name: "{store}" })).toBe("Hi {store}");
  });
});

describe("renderHtmlParagraphs", () => {
  it("escapes the template's words and the values, and keeps paragraphs and line breaks", () => {
    const html = renderHtmlParagraphs("<b>Hi</b> {name}\nline 2\n\n{reason}", { ...values, name: `<img src=x onerror="a">`, reason: "A & B" });
    expect(html).toBe("<p>&lt;b&gt;Hi&lt;/b&gt; &lt;img src=x onerror=&quot;a&quot;&gt;<br>line 2</p><p>A &amp; B</p>");
  });
});

describe("validateTemplate", () => {
  it("accepts the built-in templates", () => {
    for (const key of TEMPLATE_KEYS) expect(validateTemplate(key, DEFAULT_TEMPLATES[key]), key).toEqual({});
  });

  it("refuses unknown placeholders, naming the ones that may be used", () => {
    expect(validateTemplate("order.ready:SMS", { subject: null, body: "Hi {nmae}" }).body).toBe("unknown placeholder {nmae}: use {name}, {ticket}, {store}");
    // A ready message has no reason and no refund.
    expect(validateTemplate("order.ready:SMS", { subject: null, body: "{reason}" }).body).toMatch(/unknown placeholder \{reason\}/);
    expect(validateTemplate("order.ready:EMAIL", { subject: "x", body: "{refund}" }).body).toMatch(/unknown placeholder \{refund\}/);
    expect(validateTemplate("order.cancelled:SMS", { subject: null, body: "{reason} {refund}" })).toEqual({});
    expect(validateTemplate("order.cancelled:SMS", { subject: null, body: "{nope}" }).body).toBe("unknown placeholder {nope}: use {name}, {ticket}, {store}, {reason}, {refund}");
    expect(DEFAULT_TEMPLATES["order.cancelled:SMS"].body).toContain("{refund}");
    expect(DEFAULT_TEMPLATES["order.cancelled:EMAIL"].body).toContain("{refund}");
  });

  it("needs a body, and a one-line subject for email", () => {
    expect(validateTemplate("order.ready:SMS", { subject: null, body: "  " }).body).toBe("the message must not be empty");
    expect(validateTemplate("order.ready:EMAIL", { subject: "", body: "x" }).subject).toBe("the subject must not be empty");
    expect(validateTemplate("order.ready:EMAIL", { subject: "a\nb", body: "x" }).subject).toBe("the subject must be one line");
    expect(validateTemplate("order.ready:EMAIL", { subject: "x".repeat(151), body: "x" }).subject).toMatch(/at most 150/);
  });
});

describe("smsLengthWarning", () => {
  it("warns when a text with a typical name takes more than one SMS", () => {
    expect(smsLengthWarning(DEFAULT_TEMPLATES["order.ready:SMS"].body)).toBeNull();
    expect(smsLengthWarning(`{name} ${"x".repeat(160)}`)).toMatch(/longer than one text message/);
    expect(renderTemplate("{name}", SAMPLE_VALUES)).toBe("Alexandra");
    // Most orders are not paid online: the built-in cancellation fits one text without a refund.
    expect(smsLengthWarning(DEFAULT_TEMPLATES["order.cancelled:SMS"].body)).toBeNull();
  });

  it("previews a refund in the store's currency", () => {
    expect(sampleValues(moneyFormatFor("EUR", "de-DE")).refund).toContain("4,50\u00a0€");
    expect(sampleValues(moneyFormatFor("JPY", "ja-JP")).refund).toContain("￥450");
    expect(sampleValues(moneyFormatFor("USD", "en-US")).refund).toContain("$4.50");
  });
});

describe("customer messages from templates", () => {
  it("uses a manager's template per channel and the built-in wording for the others", () => {
    const templates = { "order.ready:SMS": { subject: null, body: "Ready, {name}! #{ticket}" } };
    const message = readyMessage({ customerName: "Ada", ticketNumber: 42, storeName: "Brewline" }, templates);
    expect(message.sms).toBe("Ready, Ada! #42");
    expect(message.email.text).toContain("Ada, your Brewline order #42 is ready for pickup.");
  });

  it("escapes the customer's name and the reason inside an email template, subject on one line", () => {
    const templates = { "order.cancelled:EMAIL": { subject: "Sorry {name}", body: "<i>{name}</i>: {reason}." } };
    const message = cancelledMessage({ customerName: "<script>x</script>\nBcc: a@b", ticketNumber: 3, storeName: "B", reason: "Broken <machine>!" }, templates);
    expect(message.email.html).toContain("<p>&lt;i&gt;&lt;script&gt;x&lt;/script&gt;<br>Bcc: a@b&lt;/i&gt;: Broken &lt;machine&gt;.</p>");
    expect(message.email.html).not.toContain("<script>");
    expect(message.email.subject).toBe("Sorry <script>x</script> Bcc: a@b");
  });
});
