import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute } from "../../../../lib/http/handle-route.ts";
import { listTickets } from "../../../../lib/kds/list-tickets.ts";
import { liveStream } from "../../../../lib/realtime/live-stream.ts";
import { getOrderListener } from "../../../../lib/realtime/order-listener.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The kitchen board as server-sent events: `event: board` with the full list of open
 * tickets on connect and after any order change (bursts coalesced over 150 ms).
 */
export const GET = handleRoute((request) => {
  const prisma = getPrisma();
  return liveStream({
    request,
    listener: getOrderListener(),
    event: "board",
    debounceMs: 150,
    load: async () => ({ tickets: await listTickets({ prisma }) }),
  });
});
