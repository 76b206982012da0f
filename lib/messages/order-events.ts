import { z } from "zod";
import { ORDER_CANCELLED_EVENT, orderCancelledEventSchema } from "./order-cancelled-event.ts";
import { ORDER_READY, orderReadyEventSchema } from "./order-ready.ts";

/**
 * Every event published on the order-events SNS topic, discriminated by `type`; the
 * notifier (worker/handle-notification-message.ts) parses with this. Each contract, with
 * its producer and handler, is in its own module beside this one.
 */
export const orderEventSchema = z.discriminatedUnion("type", [orderReadyEventSchema, orderCancelledEventSchema]);

export type OrderEvent = z.infer<typeof orderEventSchema>;

/** The event types the notifier acts on; the topic's subscription filter lets exactly these through. */
export const CUSTOMER_EVENT_TYPES = [ORDER_READY.type, ORDER_CANCELLED_EVENT.type] as const;
