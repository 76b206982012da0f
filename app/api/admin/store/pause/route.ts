import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { pauseOrdering } from "../../../../../lib/store/pause-ordering.ts";
import { managerRoute } from "../../manager-route.ts";
import { pauseBodySchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/** Busy mode: `{ minutes }` pauses new online orders that long (0 resumes now); answers `{ pausedUntil }`. */
export const POST = managerRoute(async (request, actor) => {
  const { minutes } = pauseBodySchema.parse(await readJsonBody(request));
  const settings = await pauseOrdering({ prisma: getPrisma(), actor, minutes });
  return jsonResponse({ pausedUntil: settings.pausedUntil?.toISOString() ?? null });
});
