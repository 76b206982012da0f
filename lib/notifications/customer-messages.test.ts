import { describe, expect, it } from "vitest";
import { cancelledMessage, readyMessage } from "./customer-messages.ts";

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
