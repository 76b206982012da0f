import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { resetTemplate } from "../../../../../lib/notifications/reset-template.ts";
import { saveTemplate } from "../../../../../lib/notifications/save-template.ts";
import { managerRoute } from "../../manager-route.ts";
import { templateBodySchema, templateKeyParamsSchema, type KeyContext } from "../schema.ts";

export const dynamic = "force-dynamic";

/** `{ subject?, body }` for e.g. order.ready:SMS; 400 with details.fields when a placeholder is unknown. */
export const PUT = managerRoute(async (request, actor, context: KeyContext) => {
  const { key } = templateKeyParamsSchema.parse(await context.params);
  const template = templateBodySchema.parse(await readJsonBody(request));
  return jsonResponse(await saveTemplate({ prisma: getPrisma(), actor, key, template }));
});

/** Back to the built-in wording; answers with it. */
export const DELETE = managerRoute(async (_request, actor, context: KeyContext) => {
  const { key } = templateKeyParamsSchema.parse(await context.params);
  return jsonResponse(await resetTemplate({ prisma: getPrisma(), actor, key }));
});
