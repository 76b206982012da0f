import { clockNow } from "../../../../lib/clock.ts";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { AppError } from "../../../../lib/errors.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { getOrderStatus } from "../../../../lib/orders/get-order-status.ts";
import { orderTokenParamsSchema } from "./schema.ts";

export const dynamic = "force-dynamic";

/** The order's current state as JSON (the same view the status page and its stream use). */
export const GET = handleRoute(async (_request, context: { params: Promise<{ token: string }> }) => {
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  const found = parsed.success ? await getOrderStatus({ prisma: getPrisma(), where: { publicToken: parsed.data.token }, timeZone: getConfig().STORE_TIMEZONE, now: clockNow() }) : null;
  if (!found) throw new AppError("NOT_FOUND", "We couldn't find that order");
  return jsonResponse(found.view);
});
