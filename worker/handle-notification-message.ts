import { z } from "zod";
import { handleInboundSms } from "../lib/notifications/handle-inbound-sms.ts";
import { inboundSmsMessageSchema, looksLikeInboundSms } from "../lib/notifications/inbound-sms.ts";
import { notifyCustomer, type NotifyDependencies } from "../lib/notifications/notify-customer.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { orderEventSchema } from "../lib/messages/order-events.ts";
import { parseMessageBody } from "../lib/queue/parse-message.ts";

const snsEnvelopeSchema = z.object({ Type: z.literal("Notification"), Message: z.string() });

/**
 * The subscription uses raw delivery, so the body is the event itself; a subscription
 * created without it wraps the event in an SNS envelope, which is unwrapped here.
 */
export function unwrapSnsBody(body: string): string {
  try {
    const envelope = snsEnvelopeSchema.safeParse(JSON.parse(body));
    return envelope.success ? envelope.data.Message : body;
  } catch {
    return body;
  }
}

function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export type NotificationHandlerDependencies = NotifyDependencies & {
  /** How customers reach the shop, in the reply to a HELP text. */
  storeContact?: string;
};

/**
 * Notifications queue → the notifier or the inbound-text handler. Two topics feed it: order
 * events (every type it parses is one to tell the customer about) and texts customers send
 * the shop (two-way SMS), told apart by shape. A body that is neither is poison (parseMessageBody).
 */
export function createNotificationMessageHandler(deps: NotificationHandlerDependencies): MessageHandler {
  return async (message) => {
    const body = unwrapSnsBody(message.body);
    if (looksLikeInboundSms(parsedJson(body))) {
      await handleInboundSms({ ...deps, message: parseMessageBody(body, inboundSmsMessageSchema) });
      return;
    }
    await notifyCustomer({ ...deps, event: parseMessageBody(body, orderEventSchema) });
  };
}
