import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { recallOrder } from "../../../../../../lib/kds/recall-order.ts";
import { ticketActionBodySchema, ticketParamsSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/** Brings a bumped or ready ticket back onto the board (IN_PROGRESS). 409 when it was not bumped. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const { id } = ticketParamsSchema.parse(await context.params);
  ticketActionBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await recallOrder({ prisma: getPrisma(), orderId: id }));
});
