import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../lib/http/handle-route.ts";
import { changeKitchenTimings } from "../../../../lib/kitchen/change-kitchen-timings.ts";
import { changeStoreSettingsAsStaff } from "../../../../lib/store/change-store-settings-as-staff.ts";
import { getStoreAdmin } from "../../../../lib/dashboard/get-store-admin.ts";
import { managerRoute } from "../manager-route.ts";
import { storeBodySchema } from "./schema.ts";

export const dynamic = "force-dynamic";

const view = () => getStoreAdmin({ prisma: getPrisma(), timeZone: getConfig().STORE_TIMEZONE });

/** The store's settings, the kitchen's timings and the state customers see (manager only). */
export const GET = managerRoute(async () => jsonResponse(await view()));

/** `{ store?: {acceptingOrders, openingHours, maxOpenOrders, taxRateBasisPoints, pricesIncludeTax}, kitchen?: {...} }`; answers like GET. */
export const PATCH = managerRoute(async (request, actor) => {
  const body = storeBodySchema.parse(await readJsonBody(request));
  const prisma = getPrisma();
  if (body.store && Object.keys(body.store).length > 0) await changeStoreSettingsAsStaff({ prisma, actor, patch: body.store });
  if (body.kitchen && Object.keys(body.kitchen).length > 0) await changeKitchenTimings({ prisma, actor, patch: body.kitchen });
  return jsonResponse(await view());
});
