import { requireStaff } from "../../../../../lib/auth/require-staff.ts";
import { requestRedrive } from "../../../../../lib/dashboard/request-redrive.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { redriveBodySchema } from "../../schema.ts";

export const runtime = "nodejs";

/** POST {messageIds}: ask the worker to send these dead letters back to their queue. 202: requested. */
export const POST = handleRoute(async (request) => {
  const manager = await requireStaff(request, "manager");
  const { messageIds } = redriveBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await requestRedrive({ prisma: getPrisma(), actor: manager, messageIds }), { status: 202 });
});
