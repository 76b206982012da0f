import { saveItem } from "../../../../../lib/menu-admin/save-item.ts";
import { createRoute } from "../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Adds one (manager only); answers 201 with it. */
export const POST = createRoute(saveItem);
