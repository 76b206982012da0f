import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isAppError } from "../lib/errors.ts";
import { requireStaff, type StaffRole, type StaffUser } from "../lib/auth/require-staff.ts";
import { safeNextPath } from "../lib/http/safe-next-path.ts";

/**
 * The check at the top of every staff page (server component): the signed-in staff
 * member, or a redirect to sign-in (then back to `path`) / to the "not allowed" page.
 */
export async function requireStaffPage(role: StaffRole, path: string): Promise<StaffUser> {
  try {
    // A page is a GET: it changes nothing, so there is no origin to check.
    return await requireStaff({ headers: await headers(), method: "GET" }, role);
  } catch (error) {
    const next = encodeURIComponent(safeNextPath(path));
    if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect(`/sign-in?next=${next}`);
    if (isAppError(error) && error.code === "FORBIDDEN") redirect(`/not-allowed?next=${next}`);
    throw error;
  }
}
