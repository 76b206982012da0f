import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createSmsSender } from "./sms-sender.ts";

const fakeSns = () => {
  const sent: unknown[] = [];
  const sns = { send: async (command: unknown) => (sent.push(command), { MessageId: "sns-123" }) } as unknown as SNSClient;
  return { sns, sent };
};
const fakePrisma = () => {
  const rows: unknown[] = [];
  const prisma = { devSmsMessage: { create: async ({ data }: { data: unknown }) => (rows.push(data), { id: "row-1" }) } } as unknown as PrismaClient;
  return { prisma, rows };
};

describe("createSmsSender", () => {
  it("publishes a transactional SMS to the phone number in sns mode", async () => {
    const { sns, sent } = fakeSns();
    const sender = createSmsSender({ mode: "sns", sns, prisma: fakePrisma().prisma })!;
    expect(await sender.send({ to: "+447700900123", body: "ready" })).toEqual({ providerId: "sns-123" });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(PublishCommand);
    expect((sent[0] as PublishCommand).input).toMatchObject({
      PhoneNumber: "+447700900123",
      Message: "ready",
      MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
    });
    expect((sent[0] as PublishCommand).input.TopicArn).toBeUndefined();
  });

  it("records the text in DevSmsMessage in outbox mode", async () => {
    const { sns, sent } = fakeSns();
    const { prisma, rows } = fakePrisma();
    const sender = createSmsSender({ mode: "outbox", sns, prisma })!;
    expect(await sender.send({ to: "+447700900123", body: "ready" })).toEqual({ providerId: "dev-sms:row-1" });
    expect(rows).toEqual([{ to: "+447700900123", body: "ready" }]);
    expect(sent).toHaveLength(0);
  });

  it("sends nothing when off", () => {
    expect(createSmsSender({ mode: "off", sns: fakeSns().sns, prisma: fakePrisma().prisma })).toBeNull();
  });
});
