import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../lib/http/handle-route.ts";
import { updateKdsSettings } from "../../../../lib/kitchen/update-kds-settings.ts";
import { kdsStaff } from "../staff-action.ts";
import { kdsSettingsPatchSchema } from "./schema.ts";

export const dynamic = "force-dynamic";

/**
 * Changes the kitchen's timings with a partial `{ warnAfterSeconds?, lateAfterSeconds?,
 * boardReadySeconds? }` (whole seconds, 30–3600, warn before late) and answers with all
 * of them. Open boards get the new values through their event streams. Managers only.
 */
export const PATCH = handleRoute(async (request) => {
  await kdsStaff(request, "manager");
  const patch = kdsSettingsPatchSchema.parse(await readJsonBody(request));
  return jsonResponse(await updateKdsSettings({ prisma: getPrisma(), patch }));
});
