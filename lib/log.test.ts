import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { logger, scrubText, setLogDestination } from "./log.ts";

describe("scrubText", () => {
  it("hides email addresses, phone numbers and order tokens in free text", () => {
    expect(scrubText("550 <ada.l+x@mail.example.co.uk>: rejected")).toBe("550 <[redacted]>: rejected");
    expect(scrubText("Invalid PhoneNumber +44 (7700) 900-123 given")).toBe("Invalid PhoneNumber [redacted] given");
    expect(scrubText("GET /api/orders/AbCdEfGhIjKlMnOpQrStUv_-12/events")).toBe("GET /api/orders/[redacted]/events");
  });

  it("leaves ordinary text, ids and timestamps alone", () => {
    const text = "order 9313903c-fa9b-45b8-ab6b-88fe40ed8ef0 ticket #12 at 2026-11-25T12:00:00+00:00, 3 lines";
    expect(scrubText(text)).toBe(text);
  });
});

describe("logger", () => {
  afterEach(() => setLogDestination(null));

  it("redacts contact fields and tokens, and scrubs nested messages", () => {
    const lines: string[] = [];
    setLogDestination(new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    logger.warn(
      { orderId: "o-1", phone: "+447700900123", email: "a@b.co", publicToken: "tok", err: { message: "send to a@b.co failed", detail: { to: "+447700900123" } } },
      "notify failed for a@b.co",
    );
    const line = JSON.parse(lines.join("")) as Record<string, unknown>;
    expect(line).toMatchObject({ orderId: "o-1", phone: "[redacted]", email: "[redacted]", publicToken: "[redacted]", msg: "notify failed for [redacted]" });
    expect(JSON.stringify(line)).not.toMatch(/a@b\.co|7700900123|tok"/);
  });
});
