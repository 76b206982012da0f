import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { isAppError } from "../../../../lib/errors.ts";
import { getKdsBoard, readKdsContext, unknownStation } from "../../../../lib/kitchen/get-kds-board.ts";
import { getLiveViews } from "../../../../lib/realtime/get-live-views.ts";
import { sharedStream } from "../../../../lib/realtime/shared-stream.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";
import { parseBoardQuery } from "../schema.ts";
import { kdsStaff } from "../staff-action.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The kitchen board as server-sent events: `event: board` with KdsBoardData on connect
 * and after any order change or settings/station change, computed once per station for
 * every kitchen screen of this process (lib/realtime/live-views.ts). `?station=NAME`
 * streams one station's board; an unknown station is a 404, and a station removed while
 * streaming ends the stream with `event: gone`.
 */
export const GET = streamRoute("staff", async (request) => {
  await kdsStaff(request);
  const prisma = getPrisma();
  const station = parseBoardQuery(request);
  if (station !== null && !(await readKdsContext(prisma)).stations.includes(station)) throw unknownStation(station);
  const first = () =>
    getKdsBoard({ prisma, station, timeZone: getConfig().STORE_TIMEZONE }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    });
  return sharedStream({ request, event: "board", join: (deliver) => getLiveViews().kitchen.join(station, deliver, first) });
});
