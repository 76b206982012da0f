import { deleteCategory } from "../../../../../../lib/menu-admin/delete-category.ts";
import { saveCategory } from "../../../../../../lib/menu-admin/save-category.ts";
import { deleteRoute, updateRoute } from "../../menu-routes.ts";

export const dynamic = "force-dynamic";

/** Changes the fields sent (manager only). */
export const PATCH = updateRoute(saveCategory);
/** Removes it (manager only); 409 when it cannot go (see the use case). */
export const DELETE = deleteRoute(deleteCategory);
