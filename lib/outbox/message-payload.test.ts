import { describe, expect, it } from "vitest";
import { messagePayload } from "./send-outbox-message.ts";

describe("messagePayload", () => {
  it("is plain ASCII JSON that parses back to the same value", () => {
    const body = { customerName: "Zoë 🙂 שלום", note: "e\u0301 \u202E", n: 1, list: ["☕"] };
    const payload = messagePayload(body);
    expect(payload).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(payload)).toEqual(body);
  });
});
