import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { reorderInputSchema } from "../../../../../lib/menu-admin/menu-input.ts";
import { reorderMenu } from "../../../../../lib/menu-admin/reorder-menu.ts";
import { managerRoute } from "../../manager-route.ts";

export const dynamic = "force-dynamic";

/** `{ kind, ids }`: siblings in their new order (manager only). */
export const POST = managerRoute(async (request, actor) => {
  const input = reorderInputSchema.parse(await readJsonBody(request));
  await reorderMenu({ prisma: getPrisma(), actor, input });
  return new Response(null, { status: 204 });
});
