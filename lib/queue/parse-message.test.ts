import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { ordersQueueMessageSchema } from "../messages/orders-queue.ts";
import { parseMessageBody } from "./parse-message.ts";

const placed = {
  type: "order.placed",
  outboxId: "6f1c3c56-6a43-4d1f-9b8e-0d8d4b8a2a01",
  orderId: "0b3a4a8e-5b8f-4a36-9c55-6b4f3c1f7e02",
  ticketNumber: 7,
  customerName: "Ada",
  items: [{ name: "Latte", quantity: 1, options: ["Oat"], note: null }],
  placedAt: "2026-01-02T09:00:00.000Z",
};

describe("parseMessageBody", () => {
  it("returns the typed body", () => {
    expect(parseMessageBody(JSON.stringify(placed), ordersQueueMessageSchema)).toEqual(placed);
  });

  it("rejects a body that is not JSON as a VALIDATION AppError", () => {
    expect(() => parseMessageBody("{oops", ordersQueueMessageSchema)).toThrow(
      expect.objectContaining({ code: "VALIDATION", message: "message body is not JSON" }),
    );
  });

  it("names the failing fields of a body with the wrong shape", () => {
    try {
      parseMessageBody(JSON.stringify({ ...placed, orderId: "nope" }), ordersQueueMessageSchema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain("orderId");
    }
  });
});
