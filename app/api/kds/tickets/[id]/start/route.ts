import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { startOrder } from "../../../../../../lib/kitchen/start-order.ts";
import { ticketActionBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/** QUEUED → IN_PROGRESS, claimed by the signed-in barista. 409 naming who has it if someone else started it first. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  ticketActionBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await startOrder({ prisma: getPrisma(), actor: staff, orderId: id, barista: staff.name }));
});
