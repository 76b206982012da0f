import { z } from "zod";

export const notificationParamsSchema = z.object({ id: z.uuid({ error: "not a notification id" }) });

export const redriveBodySchema = z.object({
  messageIds: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
});

export const refundParamsSchema = z.object({ orderId: z.uuid({ error: "not an order id" }) });
