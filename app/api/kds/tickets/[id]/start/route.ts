import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { startOrder } from "../../../../../../lib/orders/start-order.ts";
import { ticketActionBodySchema, ticketParamsSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/** QUEUED → IN_PROGRESS. 409 if someone else already started it (or it moved on). */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const { id } = ticketParamsSchema.parse(await context.params);
  ticketActionBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await startOrder({ prisma: getPrisma(), orderId: id }));
});
