import { sharedFor } from "../../../../lib/async/shared-for.ts";
import { clockNow } from "../../../../lib/clock.ts";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { listPickupSlots } from "../../../../lib/schedule/list-pickup-slots.ts";

export const dynamic = "force-dynamic";

/** Public and the same for everyone: one read serves every caller of this process for 2 s. */
const pickupSlots = sharedFor(2000, () => listPickupSlots({ prisma: getPrisma(), timeZone: getConfig().STORE_TIMEZONE, now: clockNow() }));

/** The pickup slots a customer may book now, with what each still takes; the order path re-checks the slot when booking. */
export const GET = handleRoute(async () => jsonResponse(await pickupSlots()));
