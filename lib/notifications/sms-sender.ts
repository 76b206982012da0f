import { randomUUID } from "node:crypto";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** Sends one text message; providerId is what the provider calls it (for support). */
export type SmsSender = {
  send: (sms: { to: string; body: string }) => Promise<{ providerId: string }>;
};

/** Real texts through SNS (SMS_MODE=sns). Transactional: delivered even to opted-in marketing limits. */
function createSnsSmsSender(options: { sns: Pick<SNSClient, "send"> }): SmsSender {
  return {
    async send({ to, body }) {
      const out = await options.sns.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: body,
          MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
        }),
      );
      return { providerId: out.MessageId ?? "" };
    },
  };
}

/**
 * The dev SMS inbox (SMS_MODE=inbox): emulators cannot text anyone, so the message is
 * recorded in DevSmsMessage instead and listed at /dev/sms. Not the transactional outbox.
 */
export function createDevSmsInboxSender(options: { prisma: Pick<PrismaClient, "$executeRaw"> }): SmsSender {
  return {
    async send({ to, body }) {
      const id = randomUUID();
      await options.prisma.$executeRaw`INSERT INTO "DevSmsMessage" ("id", "to", "body") VALUES (${id}::uuid, ${to}, ${body})`;
      return { providerId: `dev-sms:${id}` };
    },
  };
}

/** The sender for SMS_MODE, or null for 'off' (orders with a phone number then get no text). */
export function createSmsSender(options: {
  mode: "sns" | "inbox" | "off";
  prisma: Pick<PrismaClient, "$executeRaw">;
  sns: Pick<SNSClient, "send">;
}): SmsSender | null {
  if (options.mode === "sns") return createSnsSmsSender({ sns: options.sns });
  if (options.mode === "inbox") return createDevSmsInboxSender({ prisma: options.prisma });
  return null;
}
