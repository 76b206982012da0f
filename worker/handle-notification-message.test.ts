import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../lib/errors.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { handleInboundSms } from "../lib/notifications/handle-inbound-sms.ts";
import { notifyCustomer } from "../lib/notifications/notify-customer.ts";
import { createNotificationMessageHandler, unwrapSnsBody } from "./handle-notification-message.ts";

vi.mock("../lib/notifications/handle-inbound-sms.ts", () => ({ handleInboundSms: vi.fn(async () => ({})) }));
vi.mock("../lib/notifications/notify-customer.ts", () => ({ notifyCustomer: vi.fn(async () => ({})) }));

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

describe("createNotificationMessageHandler", () => {
  const handle = createNotificationMessageHandler({ prisma: {} as PrismaClient, smsSender: null, emailSender: null, storeName: "Brewline", storeContact: "call 555-0100" });
  const deliver = (body: unknown) => handle({ messageId: "m", body: typeof body === "string" ? body : JSON.stringify(body), receiptHandle: "r", receiveCount: 1 });
  const text = { originationNumber: "+14155550100", destinationNumber: "+12125550101", messageBody: "STOP", inboundMessageId: "in-1" };
  const ready = {
    type: "order.ready",
    outboxId: "6f1c3c56-6a43-4d1f-9b8e-0d8d4b8a2a01",
    orderId: "0b3a4a8e-5b8f-4a36-9c55-6b4f3c1f7e02",
    ticketNumber: 7,
    customerName: "Ada",
    readyAt: "2026-01-02T09:00:00.000Z",
  };

  beforeEach(() => vi.clearAllMocks());

  it("hands an inbound text to the inbound handler, with the HELP contact", async () => {
    await deliver(text);
    expect(handleInboundSms).toHaveBeenCalledWith(expect.objectContaining({ message: text, storeName: "Brewline", storeContact: "call 555-0100" }));
    expect(notifyCustomer).not.toHaveBeenCalled();
  });

  it("unwraps an inbound text in an SNS envelope too", async () => {
    await deliver({ Type: "Notification", Message: JSON.stringify(text) });
    expect(handleInboundSms).toHaveBeenCalledWith(expect.objectContaining({ message: text }));
  });

  it("hands an order event to the notifier", async () => {
    await deliver(ready);
    expect(notifyCustomer).toHaveBeenCalledWith(expect.objectContaining({ event: ready }));
    expect(handleInboundSms).not.toHaveBeenCalled();
  });

  it.each([
    ["not JSON", "STOP"],
    ["a text without its id", { originationNumber: "+14155550100", messageBody: "STOP" }],
    ["a text from no valid number", { ...text, originationNumber: "STOP" }],
    ["neither a text nor an event", { hello: "world" }],
  ])("refuses %s as poison (VALIDATION), handing it to nobody", async (_what, body) => {
    const error = await deliver(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect(handleInboundSms).not.toHaveBeenCalled();
    expect(notifyCustomer).not.toHaveBeenCalled();
  });
});
