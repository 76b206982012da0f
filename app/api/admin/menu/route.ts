import { getPrisma } from "../../../../lib/db/prisma.ts";
import { jsonResponse } from "../../../../lib/http/handle-route.ts";
import { getMenuAdmin } from "../../../../lib/menu-admin/get-menu-admin.ts";
import { managerRoute } from "../manager-route.ts";

export const dynamic = "force-dynamic";

/** The whole menu as the editor shows it, sold-out items and empty categories included (manager only). */
export const GET = managerRoute(async () => jsonResponse(await getMenuAdmin({ prisma: getPrisma() })));
