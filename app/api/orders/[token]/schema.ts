import { z } from "zod";

export const orderTokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "that is not an order link"),
});
