import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../../lib/http/web-context.ts";
import { cancelTicket } from "../../../../../../lib/kitchen/cancel-ticket.ts";
import { cancelBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/**
 * The kitchen cancels a ticket with `{ reason }`, and the customer is told why; or with
 * `{ spam: true }`, and nobody is texted or emailed. 409 once it is ready or cancelled.
 */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  const { reason, spam } = cancelBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await cancelTicket({ prisma: getPrisma(), transport: getWebTransport(), actor: staff, orderId: id, reason, spam, barista: staff.name }));
});
