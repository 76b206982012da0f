import { z } from "zod";
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

/** Notifications queue (order events from SNS) → the notifier; every event type it parses is one to tell the customer about. */
export function createNotificationMessageHandler(deps: NotifyDependencies): MessageHandler {
  return async (message) => {
    const event = parseMessageBody(unwrapSnsBody(message.body), orderEventSchema);
    await notifyCustomer({ ...deps, event });
  };
}
