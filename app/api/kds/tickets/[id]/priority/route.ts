import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { prioritizeOrder } from "../../../../../../lib/kitchen/prioritize-order.ts";
import { priorityBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/** `{ priority: true }` moves an open ticket to the front of the board, false puts it back. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  const { priority } = priorityBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await prioritizeOrder({ prisma: getPrisma(), actor: staff, orderId: id, priority }));
});
