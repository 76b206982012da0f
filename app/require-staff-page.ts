import { redirect } from "next/navigation";
import type { StaffRole, StaffUser } from "../lib/auth/require-staff.ts";

/**
 * The check at the top of every staff page (server component): the signed-in staff
 * member, or a redirect to sign-in (then back to `path`) / to the "not allowed" page.
 */
export async function requireStaffPage(role: StaffRole, path: string): Promise<StaffUser> {
  // Placeholder until sign-in exists: everyone is sent to sign in (fail closed).
  void role;
  redirect(`/sign-in?next=${encodeURIComponent(path)}`);
}
