import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { handleRoute, jsonResponse } from "../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../lib/http/web-context.ts";
import { cancelOrder } from "../../../../../lib/orders/cancel-order.ts";
import { orderTokenParamsSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/**
 * The customer cancels their order: 200 `{ status: "CANCELLED", refund }` (also when it
 * already was; refund is `{ amountCents }` when an online payment goes back, else null),
 * 409 once a barista has started it, 404 for an unknown token. No body needed.
 */
export const POST = handleRoute(async (_request, context: { params: Promise<{ token: string }> }) => {
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "We couldn't find that order");
  return jsonResponse(await cancelOrder({ prisma: getPrisma(), transport: getWebTransport(), publicToken: parsed.data.token }));
});
