import { describe, expect, it } from "vitest";
import { unwrapSnsBody } from "./handle-notification-message.ts";

describe("unwrapSnsBody", () => {
  const event = JSON.stringify({ type: "order.ready", orderId: "x" });

  it("passes a raw-delivery body through", () => {
    expect(unwrapSnsBody(event)).toBe(event);
  });

  it("unwraps an SNS notification envelope", () => {
    expect(unwrapSnsBody(JSON.stringify({ Type: "Notification", MessageId: "m", Message: event }))).toBe(event);
  });

  it("leaves a body that is not JSON for the parser to reject", () => {
    expect(unwrapSnsBody("garbage")).toBe("garbage");
  });
});
