import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { availabilityInputSchema } from "../../../../../lib/menu-admin/menu-input.ts";
import { setAvailability } from "../../../../../lib/menu-admin/set-availability.ts";
import { managerRoute } from "../../manager-route.ts";

export const dynamic = "force-dynamic";

/** 86 an item or an option, or put it back: `{ kind: "item"|"option", id, available }` (manager only). */
export const POST = managerRoute(async (request, actor) => {
  const input = availabilityInputSchema.parse(await readJsonBody(request));
  return jsonResponse(await setAvailability({ prisma: getPrisma(), actor, input }));
});
