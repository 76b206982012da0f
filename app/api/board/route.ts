import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../lib/http/handle-route.ts";
import { getOrderBoard } from "../../../lib/kitchen/get-order-board.ts";

export const dynamic = "force-dynamic";

/** The customer-facing order board (OrderBoardData): first names and ticket numbers only. */
export const GET = handleRoute(async () => jsonResponse(await getOrderBoard({ prisma: getPrisma() })));
