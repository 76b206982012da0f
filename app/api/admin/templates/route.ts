import { getPrisma } from "../../../../lib/db/prisma.ts";
import { jsonResponse } from "../../../../lib/http/handle-route.ts";
import { listTemplates } from "../../../../lib/notifications/list-templates.ts";
import { managerRoute } from "../manager-route.ts";

export const dynamic = "force-dynamic";

/** Every customer-message template, the manager's or the built-in one (manager only). */
export const GET = managerRoute(async () => jsonResponse({ templates: await listTemplates({ prisma: getPrisma() }) }));
