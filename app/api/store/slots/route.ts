import { clockNow } from "../../../../lib/clock.ts";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { listPickupSlots, type PickupSlotsView } from "../../../../lib/schedule/list-pickup-slots.ts";

export const dynamic = "force-dynamic";

/** Every caller within this long shares one read: the route's database cost is bounded whatever the traffic. */
const SHARED_FOR_MS = 2000;
let shared: { at: number; view: Promise<PickupSlotsView> } | null = null;

/**
 * The pickup slots a customer may book now, with what each still takes. Public and the same for
 * everyone, so one read serves all callers for 2 s; the order path re-checks the slot when booking.
 */
export const GET = handleRoute(async () => {
  const at = Date.now();
  if (!shared || at - shared.at > SHARED_FOR_MS) {
    const view = listPickupSlots({ prisma: getPrisma(), timeZone: getConfig().STORE_TIMEZONE, now: clockNow() });
    shared = { at, view };
    // A failed read is not kept for the next caller.
    view.catch(() => {
      if (shared?.view === view) shared = null;
    });
  }
  return jsonResponse(await shared.view);
});
