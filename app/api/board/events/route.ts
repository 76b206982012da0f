import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getOrderBoard } from "../../../../lib/kitchen/get-order-board.ts";
import { affectsBoards, boardChanges } from "../../../../lib/realtime/board-changes.ts";
import { liveStream } from "../../../../lib/realtime/live-stream.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The order board as server-sent events: `event: board` with OrderBoardData on connect,
 * after any order change and after a settings change (bursts coalesced over 250 ms).
 */
export const GET = streamRoute("public", (request) => {
  const prisma = getPrisma();
  return liveStream({
    request,
    listener: boardChanges,
    matches: affectsBoards,
    event: "board",
    debounceMs: 250,
    load: () => getOrderBoard({ prisma }),
  });
});
