import { deleteOption } from "../../../../../../lib/menu-admin/delete-option.ts";
import { saveOption } from "../../../../../../lib/menu-admin/save-option.ts";
import { deleteRoute, updateRoute } from "../../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Changes the fields sent (manager only). */
export const PATCH = updateRoute(saveOption);
/** Removes it (manager only); 409 when it cannot go (see the use case). */
export const DELETE = deleteRoute(deleteOption);
