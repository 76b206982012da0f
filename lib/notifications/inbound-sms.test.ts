import { describe, expect, it } from "vitest";
import { helpReply, inboundSmsMessageSchema, keywordOf, looksLikeInboundSms, startReply, stopReply } from "./inbound-sms.ts";

describe("keywordOf", () => {
  it.each([
    ["STOP", "STOP"],
    ["stop", "STOP"],
    ["  Stop.  ", "STOP"],
    ["STOP please", "STOP"],
    ["stopall", "STOP"],
    ["Unsubscribe!", "STOP"],
    ["cancel", "STOP"],
    ["END", "STOP"],
    ["quit", "STOP"],
    ["opt-out", "STOP"],
    ["OPTOUT", "STOP"],
    ["revoke", "STOP"],
    ["START", "START"],
    ["unstop", "START"],
    ["Yes!", "START"],
    ["help", "HELP"],
    ["HELP?", "HELP"],
    ["info", "HELP"],
  ] as const)("%j is %s", (body, keyword) => {
    expect(keywordOf(body)).toBe(keyword);
  });

  it.each(["", "   ", "where is my coffee", "please stop", "stopped", "thanks", "🛑"])("%j is OTHER", (body) => {
    expect(keywordOf(body)).toBe("OTHER");
  });
});

describe("replies", () => {
  it("fit one SMS segment in plain ASCII for a usual store name and contact", () => {
    const contact = "https://order.example-coffee-roasters.com";
    for (const text of [stopReply("Example Coffee Roasters"), startReply("Example Coffee Roasters"), helpReply("Example Coffee Roasters", contact)]) {
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("say what the customer can do next", () => {
    expect(stopReply("Brewline")).toBe("You're unsubscribed from Brewline texts. No more messages. Reply START to resubscribe.");
    expect(startReply("Brewline")).toMatch(/resubscribed.*Reply STOP to opt out\.$/);
    expect(helpReply("Brewline", "call 555-0100")).toBe("Brewline: order-ready texts. Help: call 555-0100. Reply STOP to opt out.");
    expect(helpReply("Brewline", undefined)).toBe("Brewline: order-ready texts. Reply STOP to opt out.");
  });
});

describe("inboundSmsMessageSchema", () => {
  const aws = {
    originationNumber: "+14255550182",
    destinationNumber: "+12125550101",
    messageKeyword: "KEYWORD_123456789012",
    messageBody: "STOP",
    inboundMessageId: "cae173d2-66b9-564c-8309-21f858e9fb84",
    previousPublishedMessageId: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  };

  it("reads AWS's two-way SMS payload", () => {
    expect(inboundSmsMessageSchema.parse(aws)).toEqual(aws);
    const bare = { ...aws, previousPublishedMessageId: undefined, messageKeyword: undefined };
    expect(inboundSmsMessageSchema.parse(bare)).toEqual(bare);
    expect(inboundSmsMessageSchema.safeParse(JSON.parse(JSON.stringify(bare))).success).toBe(true);
  });

  it("refuses a payload without a sender, id or body, or with a number that is not E.164", () => {
    for (const field of ["originationNumber", "inboundMessageId", "messageBody"] as const) {
      expect(inboundSmsMessageSchema.safeParse({ ...aws, [field]: undefined }).success, field).toBe(false);
    }
    expect(inboundSmsMessageSchema.safeParse({ ...aws, originationNumber: "4255550182" }).success).toBe(false);
  });

  it("is told apart from an order event by shape", () => {
    expect(looksLikeInboundSms(aws)).toBe(true);
    expect(looksLikeInboundSms({ originationNumber: "+14255550182" })).toBe(true);
    expect(looksLikeInboundSms({ type: "order.ready", orderId: "x" })).toBe(false);
    expect(looksLikeInboundSms([aws])).toBe(false);
    expect(looksLikeInboundSms(null)).toBe(false);
  });
});
