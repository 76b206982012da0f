import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { listTickets } from "../../../../lib/kds/list-tickets.ts";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => jsonResponse({ tickets: await listTickets({ prisma: getPrisma() }) }));
