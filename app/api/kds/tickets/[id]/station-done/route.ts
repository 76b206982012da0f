import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../../lib/http/web-context.ts";
import { markStationDone } from "../../../../../../lib/kitchen/mark-station-done.ts";
import { stationDoneBodySchema, ticketParamsSchema } from "../schema.ts";
import { kdsStaff } from "../../../staff-action.ts";

export const dynamic = "force-dynamic";

/** `{ station }` marks that station's part of the ticket made; the last station's bumps the order. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const staff = await kdsStaff(request);
  const { id } = ticketParamsSchema.parse(await context.params);
  const { station } = stationDoneBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await markStationDone({ prisma: getPrisma(), transport: getWebTransport(), actor: staff, orderId: id, station }));
});
