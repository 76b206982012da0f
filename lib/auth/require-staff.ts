import { getConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { allowedOrigins } from "../http/allowed-origins.ts";
import { refuseCrossSite, type RequestLike } from "../http/cross-site.ts";
import { getAuth } from "./auth.ts";
import { isStaffRole, refusal, type StaffRole } from "./roles.ts";

// The one server-side check every staff page, route and action makes. A manager may do
// everything a barista may. Being the one check, it is also where a cookie-carrying
// request that changes something must prove it came from the shop's own pages: the
// browser attaches the cookie whoever made the page that sent it.

export type { StaffRole };

export type StaffUser = { id: string; name: string; email: string; role: StaffRole };

/** The signed-in staff member behind these headers, whatever their role; null without a usable session. */
export async function currentStaffSession(headers: Headers) {
  const found = await getAuth().api.getSession({ headers });
  if (!found || !isStaffRole(found.user.role)) return null;
  return found;
}

/**
 * The signed-in staff member behind this request (its session cookie), if their role
 * is enough. UNAUTHENTICATED (401) without a valid session; FORBIDDEN (403) when the
 * role is not enough, or when a request other than GET/HEAD comes from another origin
 * (lib/http/cross-site.ts). Routes pass the Request; pages pass their headers with GET.
 */
export async function requireStaff(request: RequestLike, role: StaffRole): Promise<StaffUser> {
  const found = await currentStaffSession(request.headers);
  if (!found) throw new AppError("UNAUTHENTICATED", `Please sign in as ${role === "manager" ? "a manager" : "staff"}`);
  refuseCrossSite(request, allowedOrigins(getConfig()));
  const user = { ...found.user, role: found.user.role as StaffRole };
  switch (refusal(user, found.session, role)) {
    case "MUST_CHANGE_PASSWORD":
      throw new AppError("UNAUTHENTICATED", "Please change your one-time password first", { mustChangePassword: true });
    case "FORBIDDEN":
      throw new AppError("FORBIDDEN", role === "manager" ? "Only a manager may do this" : "Staff only");
    default:
      return { id: user.id, name: user.name, email: user.email, role: user.role };
  }
}
