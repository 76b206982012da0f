import { getConfig } from "../../../../../lib/config.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { pauseSlot } from "../../../../../lib/schedule/pause-slot.ts";
import { managerRoute } from "../../../admin/manager-route.ts";
import { pauseSlotBodySchema } from "./schema.ts";

export const runtime = "nodejs";

/** `{ startsAt, paused }`: closes a pickup slot to new bookings or opens it again (booked orders stay); managers, like the store's pause. */
export const POST = managerRoute(async (request, actor) => {
  const { startsAt, paused } = pauseSlotBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await pauseSlot({ prisma: getPrisma(), actor, startsAt: new Date(startsAt), paused, timeZone: getConfig().STORE_TIMEZONE }));
});
