import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../../lib/http/web-context.ts";
import { requestReady } from "../../../../../../lib/kitchen/request-ready.ts";
import { ticketActionBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/**
 * Asks the worker to complete the order (it marks it READY and notifies the customer).
 * 202: accepted, the ticket leaves the board once the worker is done. Idempotent.
 */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  ticketActionBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await requestReady({ prisma: getPrisma(), transport: getWebTransport(), actor: staff, orderId: id }), { status: 202 });
});
