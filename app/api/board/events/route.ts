import { getLiveViews } from "../../../../lib/realtime/get-live-views.ts";
import { sharedStream } from "../../../../lib/realtime/shared-stream.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getOrderBoard } from "../../../../lib/kitchen/get-order-board.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The order board as server-sent events: `event: board` with OrderBoardData on connect,
 * then after any order change and after a settings change, computed once for every
 * board screen of this process (lib/realtime/live-views.ts).
 */
export const GET = streamRoute("public", (request) =>
  sharedStream({
    request,
    event: "board",
    join: (deliver) => getLiveViews().board.join("board", deliver, () => getOrderBoard({ prisma: getPrisma() })),
  }),
);
