import { requireStaff } from "../../../../lib/auth/require-staff.ts";
import { liveStream } from "../../../../lib/realtime/live-stream.ts";
import { getOrderListener } from "../../../../lib/realtime/shop-listener.ts";
import { streamRoute } from "../../../../lib/realtime/stream-admission.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The dashboard's live signal: `event: changed` on connect and after order changes
 * (bursts coalesced over 500 ms). It carries no figures: the page re-renders on the
 * server, where the manager check and the statistics are.
 */
export const GET = streamRoute("staff", async (request) => {
  await requireStaff(request, "manager");
  let version = 0;
  return liveStream({
    request,
    listener: getOrderListener(),
    event: "changed",
    debounceMs: 500,
    load: () => Promise.resolve({ version: ++version }),
  });
});
