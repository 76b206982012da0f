import { z } from "zod";

export const ticketParamsSchema = z.object({ id: z.uuid({ error: "ticket id must be a UUID" }) });

/**
 * Kitchen actions take an empty JSON object. Requiring a JSON body means a cross-site
 * form post cannot trigger them (it cannot send application/json without CORS).
 */
export const ticketActionBodySchema = z.object({}).strict();
