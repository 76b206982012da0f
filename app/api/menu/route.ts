import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../lib/http/handle-route.ts";
import { getMenu } from "../../../lib/menu/get-menu.ts";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => jsonResponse({ categories: await getMenu({ prisma: getPrisma() }) }));
