import { z } from "zod";
import { handleOrderReady, type NotifyDependencies } from "../lib/notifications/handle-order-ready.ts";
import type { MessageHandler } from "../lib/queue/consumer.ts";
import { orderEventSchema } from "../lib/queue/messages.ts";
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

/** Notifications queue (order events from SNS) → the notifier. */
export function createNotificationMessageHandler(deps: NotifyDependencies): MessageHandler {
  return async (message) => {
    const event = parseMessageBody(unwrapSnsBody(message.body), orderEventSchema);
    switch (event.type) {
      case "order.ready":
        await handleOrderReady({ ...deps, event });
        return;
    }
  };
}
