import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { recallOrder } from "../../../../../../lib/kitchen/recall-order.ts";
import { ticketActionBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/** Brings a bumped or ready ticket back onto the board (IN_PROGRESS). 409 when it was not bumped. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  ticketActionBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await recallOrder({ prisma: getPrisma(), actor: staff, orderId: id }));
});
