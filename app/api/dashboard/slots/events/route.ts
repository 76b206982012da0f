import { requireStaff } from "../../../../../lib/auth/require-staff.ts";
import { liveStream } from "../../../../../lib/realtime/live-stream.ts";
import { getShopListener, type ShopChange } from "../../../../../lib/realtime/shop-listener.ts";
import { streamRoute } from "../../../../../lib/realtime/stream-admission.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The slots page's live signal, like /api/dashboard/events (`event: changed`, no figures),
 * but it also follows slot pauses and the store's settings (hours, slot length and size),
 * which change the page as much as a booking does.
 */
export const GET = streamRoute("staff", async (request) => {
  await requireStaff(request, "manager");
  let version = 0;
  return liveStream<{ version: number }, ShopChange>({
    request,
    listener: getShopListener(),
    event: "changed",
    debounceMs: 500,
    matches: (change) => "orderId" in change || change.table === "PausedSlot" || change.table === "StoreSettings",
    load: () => Promise.resolve({ version: ++version }),
  });
});
