import { requireStaff } from "../../../../../../lib/auth/require-staff.ts";
import { retryRefund } from "../../../../../../lib/dashboard/retry-refund.ts";
import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../../lib/http/web-context.ts";
import { refundParamsSchema } from "../../../schema.ts";

export const runtime = "nodejs";

/** POST: ask the worker to refund a FAILED refund's order again (a new attempt). 202: on its way; 409 unless FAILED. */
export const POST = handleRoute(async (request, context: { params: Promise<{ orderId: string }> }) => {
  const manager = await requireStaff(request, "manager");
  const { orderId } = refundParamsSchema.parse(await context.params);
  const result = await retryRefund({ prisma: getPrisma(), transport: getWebTransport(), actor: manager, orderId });
  return jsonResponse(result, { status: 202 });
});
