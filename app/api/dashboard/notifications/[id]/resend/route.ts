import { requireStaff } from "../../../../../../lib/auth/require-staff.ts";
import { requestNotificationResend } from "../../../../../../lib/dashboard/request-notification-resend.ts";
import { getPrisma } from "../../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../../lib/http/web-context.ts";
import { notificationParamsSchema } from "../../../schema.ts";

export const runtime = "nodejs";

/** POST: send a FAILED notification again (through the worker). 202: on its way. */
export const POST = handleRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  const manager = await requireStaff(request, "manager");
  const { id } = notificationParamsSchema.parse(await context.params);
  const result = await requestNotificationResend({ prisma: getPrisma(), transport: getWebTransport(), actor: manager, notificationId: id });
  return jsonResponse(result, { status: 202 });
});
