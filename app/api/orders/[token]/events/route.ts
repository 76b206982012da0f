import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { getOrderStatus } from "../../../../../lib/orders/get-order-status.ts";
import { liveStream } from "../../../../../lib/realtime/live-stream.ts";
import { getOrderListener } from "../../../../../lib/realtime/order-listener.ts";
import { streamRoute } from "../../../../../lib/realtime/stream-admission.ts";
import { orderTokenParamsSchema } from "../schema.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Live status of one order as server-sent events. Every connection (including the
 * browser's automatic reconnects) starts with `event: order` carrying the full current
 * state, then one more after each change (of this order, or while it waits, of any
 * order: its queue position moves); `event: gone` if the order disappears.
 */
export const GET = streamRoute("public", async (request, context: { params: Promise<{ token: string }> }) => {
  const prisma = getPrisma();
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  const found = parsed.success ? await getOrderStatus({ prisma, where: { publicToken: parsed.data.token } }) : null;
  if (!found) throw new AppError("NOT_FOUND", "We couldn't find that order");
  const { orderId } = found;
  // While the order waits, other orders moving on change its queue position and ETA.
  const isWaiting = (status: string | undefined) => status === "PLACED" || status === "QUEUED";
  let waiting = isWaiting(found.view.status);
  return liveStream({
    request,
    listener: getOrderListener(),
    event: "order",
    matches: (change) => change.orderId === orderId || waiting,
    // A burst of other orders' changes is read once.
    debounceMs: 100,
    load: async () => {
      const view = (await getOrderStatus({ prisma, where: { id: orderId } }))?.view ?? null;
      waiting = isWaiting(view?.status);
      return view;
    },
  });
});
