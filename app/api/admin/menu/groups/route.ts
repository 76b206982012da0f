import { saveOptionGroup } from "../../../../../lib/menu-admin/save-option-group.ts";
import { createRoute } from "../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Adds one (manager only); answers 201 with it. */
export const POST = createRoute(saveOptionGroup);
