import { deleteOptionGroup } from "../../../../../../lib/menu-admin/delete-option-group.ts";
import { saveOptionGroup } from "../../../../../../lib/menu-admin/save-option-group.ts";
import { deleteRoute, updateRoute } from "../../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Changes the fields sent (manager only). */
export const PATCH = updateRoute(saveOptionGroup);
/** Removes it (manager only); 409 when it cannot go (see the use case). */
export const DELETE = deleteRoute(deleteOptionGroup);
