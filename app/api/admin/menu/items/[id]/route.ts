import { deleteItem } from "../../../../../../lib/menu-admin/delete-item.ts";
import { saveItem } from "../../../../../../lib/menu-admin/save-item.ts";
import { deleteRoute, updateRoute } from "../../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Changes the fields sent (manager only). */
export const PATCH = updateRoute(saveItem);
/** Removes it (manager only); 409 when it cannot go (see the use case). */
export const DELETE = deleteRoute(deleteItem);
