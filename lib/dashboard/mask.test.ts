import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone, maskRecipient } from "./mask.ts";

describe("masking recipients", () => {
  it("keeps only the last three digits of a phone number", () => {
    expect(maskPhone("+447700900123")).toBe("+••••••••123");
    expect(maskPhone("+15551234")).toBe("+•••••234");
    expect(maskPhone("123")).toBe("•••");
    expect(maskPhone("+447700900123")).not.toContain("7700");
  });

  it("keeps the first letter and the top-level domain of an email", () => {
    expect(maskEmail("ada.lovelace@example.co.uk")).toBe("a•••@e•••.uk");
    expect(maskEmail("bob@localhost")).toBe("b•••@l•••");
    expect(maskEmail("nonsense")).toBe("•••");
  });

  it("picks the mask by channel", () => {
    expect(maskRecipient("SMS", "+447700900123")).toBe("+••••••••123");
    expect(maskRecipient("EMAIL", "x@y.z")).toBe("x•••@y•••.z");
  });
});
