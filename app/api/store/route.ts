import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../lib/http/handle-route.ts";
import { getStoreState } from "../../../lib/store/get-store-state.ts";

export const dynamic = "force-dynamic";

/** Whether the store takes orders right now, and what to tell the customer if not (never cached). */
export const GET = handleRoute(async () => jsonResponse(await getStoreState({ prisma: getPrisma(), timeZone: getConfig().STORE_TIMEZONE })));
