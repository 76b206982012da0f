import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { getKdsBoard } from "../../../../lib/kitchen/get-kds-board.ts";
import { parseBoardQuery } from "../schema.ts";
import { kdsStaff } from "../staff-action.ts";

export const dynamic = "force-dynamic";

/** The kitchen board (KdsBoardData): everything, or one station's with `?station=NAME` (404 for an unknown one). */
export const GET = handleRoute(async (request) => {
  await kdsStaff(request);
  return jsonResponse(await getKdsBoard({ prisma: getPrisma(), station: parseBoardQuery(request), timeZone: getConfig().STORE_TIMEZONE }));
});
