import { getConfig } from "../../../../../lib/config.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { readOrderSummary } from "../../../../../lib/orders/get-order-status.ts";
import { getLiveViews } from "../../../../../lib/realtime/get-live-views.ts";
import { sharedStream } from "../../../../../lib/realtime/shared-stream.ts";
import { streamRoute } from "../../../../../lib/realtime/stream-admission.ts";
import { orderTokenParamsSchema } from "../schema.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Live status of one order as server-sent events. Every connection (including the
 * browser's automatic reconnects) starts with `event: order` carrying the full current
 * state, then one more after each change (of this order, or while it waits, of any
 * order: its queue position moves); `event: gone` if the order disappears. Changes are
 * computed once for every open status page of this process (lib/realtime/live-views.ts).
 */
export const GET = streamRoute("public", async (request, context: { params: Promise<{ token: string }> }) => {
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  const summary = parsed.success ? await readOrderSummary({ prisma: getPrisma(), where: { publicToken: parsed.data.token }, timeZone: getConfig().STORE_TIMEZONE }) : null;
  if (!summary) throw new AppError("NOT_FOUND", "We couldn't find that order");
  return sharedStream({ request, event: "order", join: (deliver) => getLiveViews().orderStatus.join(summary, deliver) });
});
