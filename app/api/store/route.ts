import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../lib/http/handle-route.ts";
import { getStoreState } from "../../../lib/store/get-store-state.ts";

export const dynamic = "force-dynamic";

/** Whether the store takes orders right now, what to tell the customer if not, and how it takes money (never cached). */
export const GET = handleRoute(async () => jsonResponse(await getStoreState({ prisma: getPrisma(), config: getConfig() })));
