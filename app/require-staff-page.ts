import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isAppError } from "../lib/errors.ts";
import { requireStaff, type StaffRole, type StaffUser } from "../lib/auth/require-staff.ts";

/** Only same-site paths go back into a redirect (`//evil.example` is another site). */
export const safeNextPath = (next: string | null | undefined, fallback = "/kds") =>
  next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : fallback;

/**
 * The check at the top of every staff page (server component): the signed-in staff
 * member, or a redirect to sign-in (then back to `path`) / to the "not allowed" page.
 */
export async function requireStaffPage(role: StaffRole, path: string): Promise<StaffUser> {
  try {
    return await requireStaff(await headers(), role);
  } catch (error) {
    const next = encodeURIComponent(safeNextPath(path));
    if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect(`/sign-in?next=${next}`);
    if (isAppError(error) && error.code === "FORBIDDEN") redirect(`/not-allowed?next=${next}`);
    throw error;
  }
}
