import { requireStaff, type StaffRole } from "../../../lib/auth/require-staff.ts";

// Every kitchen route starts with the staff check. Each action's use case records its
// audit line in its own transaction, with the signed-in staff member as actor.

export const kdsStaff = (request: Request, role: StaffRole = "barista") => requireStaff(request, role);
