import { requireStaff, type StaffUser } from "../../../lib/auth/require-staff.ts";
import { handleRoute, type RouteOptions } from "../../../lib/http/handle-route.ts";

/**
 * A route only a signed-in manager may call: the role is checked on the server before
 * the handler runs, and the manager is handed on (the actor of the audit log).
 */
export function managerRoute<C = unknown>(handler: (request: Request, actor: StaffUser, context: C) => Response | Promise<Response>, options?: RouteOptions) {
  return handleRoute<C>(async (request, context) => handler(request, await requireStaff(request, "manager"), context), options);
}
