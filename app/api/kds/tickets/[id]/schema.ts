import { z } from "zod";
import { SPAM_CANCEL_REASON } from "../../../../../lib/kitchen/cancel-ticket.ts";
import { trimmed } from "../../../../../lib/orders/order-input.ts";
import { stationSchema } from "../../schema.ts";

export const ticketParamsSchema = z.object({ id: z.uuid({ error: "ticket id must be a UUID" }) });

/** Sent by screens from before sign-in; accepted and ignored (the name comes from the session). */
const baristaSchema = trimmed(40, "barista").min(1, "please say who you are (barista)");

// Every kitchen action takes a JSON object. Requiring a JSON body means a cross-site form
// post cannot trigger them (it cannot send application/json without CORS).

/** Start, ready and recall: `{}` (or `{ barista }` from an old screen). */
export const ticketActionBodySchema = z.strictObject({ barista: baristaSchema.optional() });

/**
 * Cancel: `{ reason }`, which the customer is told; or `{ spam: true }` (a reason is
 * optional then), which tells the customer nothing.
 */
export const cancelBodySchema = z
  .strictObject({
    reason: trimmed(140, "reason").optional(),
    spam: z.boolean({ error: "spam must be true or false" }).optional(),
    barista: baristaSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.spam || body.reason) return;
    ctx.addIssue({ code: "custom", path: ["reason"], message: body.reason === undefined ? "reason must be text" : "please give a reason; the customer is told it" });
  })
  .transform(({ reason, spam }) => ({ spam: spam === true, reason: reason || SPAM_CANCEL_REASON }));

export const priorityBodySchema = z.strictObject({ priority: z.boolean({ error: "priority must be true or false" }) });

export const stationDoneBodySchema = z.strictObject({ station: stationSchema });
