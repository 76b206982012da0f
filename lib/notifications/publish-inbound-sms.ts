import { randomUUID } from "node:crypto";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { InboundSmsMessage } from "./inbound-sms.ts";

/** The shop's number in locally made-up texts: a fictional 555-01xx number. */
const DEV_SHOP_NUMBER = "+15555550100";

/**
 * Publishes a text "from" a customer to the inbound SMS topic, shaped as AWS two-way SMS
 * publishes it, so it takes the real path (topic → notifications queue → worker).
 * Only the dev SMS form does this: on AWS the phone network is the publisher.
 */
export async function publishInboundSms(options: { sns: Pick<SNSClient, "send">; topicArn: string; from: string; body: string }): Promise<{ inboundMessageId: string }> {
  const message: InboundSmsMessage = {
    originationNumber: options.from,
    destinationNumber: DEV_SHOP_NUMBER,
    messageBody: options.body,
    inboundMessageId: randomUUID(),
  };
  await options.sns.send(new PublishCommand({ TopicArn: options.topicArn, Message: JSON.stringify(message) }));
  return { inboundMessageId: message.inboundMessageId };
}
