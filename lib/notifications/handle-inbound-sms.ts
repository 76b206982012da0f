import { optIn, optOut } from "../consent/opt-out.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { helpReply, keywordOf, startReply, stopReply, type InboundSmsMessage, type SmsKeyword } from "./inbound-sms.ts";
import type { SmsSender } from "./sms-sender.ts";

export type InboundSmsDependencies = {
  prisma: PrismaClient;
  /** Null with SMS_MODE=off: texts are still recorded and honoured, nothing is answered. */
  smsSender: SmsSender | null;
  storeName: string;
  /** How customers reach the shop, for the HELP reply (STORE_CONTACT, else the shop's web address). */
  storeContact?: string;
};

export type InboundSmsOutcome = { keyword: SmsKeyword; recorded: boolean; replied: boolean };

/**
 * One text a customer sent the shop, exactly once however often SQS delivers it: the
 * InboundSms row (keyed by the provider's id) and what it asks for (STOP: never text this
 * number again; START: texts may resume) commit together, so a redelivery changes nothing.
 * The reply is claimed like a notification, so it goes once; a failed send releases the
 * claim and throws for SQS to retry.
 */
export async function handleInboundSms(options: InboundSmsDependencies & { message: InboundSmsMessage }): Promise<InboundSmsOutcome> {
  const { prisma, message } = options;
  const keyword = keywordOf(message.messageBody);
  const recorded = await record(prisma, message, keyword);

  const text = await replyFor(options, keyword, message.originationNumber);
  if (!text || !options.smsSender) return { keyword, recorded, replied: false };

  // As for notifications: a claim left by a worker that died mid-send is never taken again,
  // because the text may have gone out (at most one reply, rather than maybe two).
  const claimed = await prisma.$executeRaw`
    UPDATE "InboundSms" SET "replyClaimedAt" = now()
    WHERE "id" = ${message.inboundMessageId} AND "repliedAt" IS NULL AND "replyClaimedAt" IS NULL`;
  if (claimed === 0) return { keyword, recorded, replied: false };

  let providerId: string;
  try {
    ({ providerId } = await options.smsSender.send({ to: message.originationNumber, body: text }));
  } catch (error) {
    await prisma.$executeRaw`UPDATE "InboundSms" SET "replyClaimedAt" = NULL WHERE "id" = ${message.inboundMessageId} AND "repliedAt" IS NULL`;
    throw error;
  }
  await prisma.$executeRaw`
    UPDATE "InboundSms" SET "repliedAt" = now(), "replyProviderId" = ${providerId} WHERE "id" = ${message.inboundMessageId}`;
  return { keyword, recorded, replied: true };
}

/** The text and its consent change in one transaction; false when the text was recorded before. */
async function record(prisma: PrismaClient, message: InboundSmsMessage, keyword: SmsKeyword): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "InboundSms" ("id", "fromNumber", "body", "keyword")
      VALUES (${message.inboundMessageId}, ${message.originationNumber}, ${message.messageBody}, ${keyword})
      ON CONFLICT ("id") DO NOTHING`;
    if (inserted === 0) return false;
    const change = { prisma: tx, channel: "SMS" as const, recipient: message.originationNumber, source: "sms-reply", wording: message.messageBody };
    if (keyword === "STOP") await optOut(change);
    if (keyword === "START") await optIn(change);
    return true;
  });
}

/**
 * STOP is confirmed even though the number is now opted out (the one text carriers expect
 * after it); HELP is answered unless the number opted out. Other texts are recorded and not
 * answered: an automatic answer to anything can ping-pong with another machine for ever.
 */
async function replyFor(options: InboundSmsDependencies, keyword: SmsKeyword, from: string): Promise<string | null> {
  if (keyword === "STOP") return stopReply(options.storeName);
  if (keyword === "START") return startReply(options.storeName);
  if (keyword !== "HELP") return null;
  const optedOut = await options.prisma.optOut.findUnique({ where: { channel_recipient: { channel: "SMS", recipient: from } }, select: { at: true } });
  return optedOut ? null : helpReply(options.storeName, options.storeContact);
}
