import { getMenuListener } from "../../../../lib/realtime/shop-listener.ts";
import { sseResponse } from "../../../../lib/realtime/sse.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Menu and store changes as server-sent events, for the customer's menu page to re-read
 * GET /api/menu (and /api/store): `event: menu` with `{"changed":"MenuItem"|"Modifier"|
 * "StoreSettings"}` after each change, and `event: resync` when changes may have been
 * missed: at the start of every stream (the page was rendered before it) and whenever
 * the server's LISTEN connection reconnected. Keep-alive comments in between.
 */
export const GET = streamRoute("public", (request) =>
  sseResponse(request, (sink) => {
    const listener = getMenuListener();
    // One that is still connecting sends its own resync once LISTEN is in place.
    if (listener.connected) sink.send("resync", {});
    return listener.subscribe((change) => {
      if (change.kind === "resync") sink.send("resync", {});
      else sink.send("menu", { changed: change.table });
    });
  }),
);
