import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../../lib/http/handle-route.ts";
import { startOrder } from "../../../../../../lib/orders/start-order.ts";
import { startBodySchema, ticketParamsSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/** QUEUED → IN_PROGRESS, claimed by `{ barista }`. 409 naming who has it if someone else started it first. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const { id } = ticketParamsSchema.parse(await context.params);
  const { barista } = startBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await startOrder({ prisma: getPrisma(), orderId: id, barista }));
});
