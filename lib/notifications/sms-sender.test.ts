import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createSmsSender } from "./sms-sender.ts";

const fakeSns = () => {
  const sent: unknown[] = [];
  const sns = { send: async (command: unknown) => (sent.push(command), { MessageId: "sns-123" }) } as unknown as SNSClient;
  return { sns, sent };
};
// Records the values of each raw statement (the real insert runs in the integration tests).
const fakePrisma = () => {
  const statements: { sql: string; values: unknown[] }[] = [];
  const prisma = {
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (statements.push({ sql: strings.join("?"), values }), 1),
  } as unknown as PrismaClient;
  return { prisma, statements };
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

  it("records the text in DevSmsMessage (the dev SMS inbox) in inbox mode", async () => {
    const { sns, sent } = fakeSns();
    const { prisma, statements } = fakePrisma();
    const sender = createSmsSender({ mode: "inbox", sns, prisma })!;
    const { providerId } = await sender.send({ to: "+447700900123", body: "ready" });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toContain('INSERT INTO "DevSmsMessage"');
    const [id, ...rest] = statements[0]!.values;
    expect(rest).toEqual(["+447700900123", "ready"]);
    expect(providerId).toBe(`dev-sms:${String(id)}`);
    expect(sent).toHaveLength(0);
  });

  it("sends nothing when off", () => {
    expect(createSmsSender({ mode: "off", sns: fakeSns().sns, prisma: fakePrisma().prisma })).toBeNull();
  });
});
