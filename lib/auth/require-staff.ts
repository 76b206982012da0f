import { AppError } from "../errors.ts";

// The one server-side check every staff page, route and action makes. A manager may do
// everything a barista may.

export type StaffRole = "barista" | "manager";

export type StaffUser = { id: string; name: string; email: string; role: StaffRole };

/**
 * The signed-in staff member behind these request headers (the session cookie), if
 * their role is enough. UNAUTHENTICATED (401) without a valid session, FORBIDDEN (403)
 * when the role is not enough.
 */
export async function requireStaff(headers: Headers, role: StaffRole): Promise<StaffUser> {
  // Placeholder until sign-in exists: refuse everyone (fail closed).
  void headers;
  throw new AppError("UNAUTHENTICATED", `Please sign in as ${role === "manager" ? "a manager" : "staff"}`);
}
