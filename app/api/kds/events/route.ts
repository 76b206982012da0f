import { getPrisma } from "../../../../lib/db/prisma.ts";
import { isAppError } from "../../../../lib/errors.ts";
import { getKdsBoard, readKdsContext, unknownStation } from "../../../../lib/kitchen/get-kds-board.ts";
import { affectsBoards, boardChanges } from "../../../../lib/realtime/board-changes.ts";
import { liveStream } from "../../../../lib/realtime/live-stream.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";
import { parseBoardQuery } from "../schema.ts";
import { kdsStaff } from "../staff-action.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The kitchen board as server-sent events: `event: board` with KdsBoardData on connect
 * and after any order change or settings/station change (bursts coalesced over 150 ms).
 * `?station=NAME` streams one station's board; an unknown station is a 404, and a
 * station removed while streaming ends the stream with `event: gone`.
 */
export const GET = streamRoute("staff", async (request) => {
  await kdsStaff(request);
  const prisma = getPrisma();
  const station = parseBoardQuery(request);
  if (station !== null && !(await readKdsContext(prisma)).stations.includes(station)) throw unknownStation(station);
  return liveStream({
    request,
    listener: boardChanges,
    matches: affectsBoards,
    event: "board",
    debounceMs: 150,
    load: () =>
      getKdsBoard({ prisma, station }).catch((error: unknown) => {
        if (isAppError(error) && error.code === "NOT_FOUND") return null;
        throw error;
      }),
  });
});
