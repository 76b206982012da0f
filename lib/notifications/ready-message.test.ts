import { describe, expect, it } from "vitest";
import { readyEmail, readySmsText } from "./ready-message.ts";

describe("ready message", () => {
  it("reads the same on SMS and in the email", () => {
    const input = { customerName: "Ada", ticketNumber: 42, storeName: "Brewline Coffee" };
    expect(readySmsText(input)).toBe("Ada, your Brewline Coffee order #42 is ready for pickup.");
    const email = readyEmail(input);
    expect(email.subject).toContain("#42");
    expect(email.text).toContain("Ada, your Brewline Coffee order #42 is ready for pickup.");
    expect(email.html).toContain("Your coffee is ready");
  });

  it("escapes the customer's name in the HTML", () => {
    const email = readyEmail({ customerName: "<b>Bo</b> & Co", ticketNumber: 1, storeName: "Brewline" });
    expect(email.html).toContain("&lt;b&gt;Bo&lt;/b&gt; &amp; Co");
    expect(email.html).not.toContain("<b>Bo</b>");
  });
});
