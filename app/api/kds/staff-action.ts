import { recordStaffAction } from "../../../lib/audit/record-staff-action.ts";
import { requireStaff, type StaffRole, type StaffUser } from "../../../lib/auth/require-staff.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { errorInfo, logger } from "../../../lib/log.ts";

// Every kitchen route starts with the staff check; the actions end with an audit line.

export const kdsStaff = (request: Request, role: StaffRole = "barista") => requireStaff(request, role);

/**
 * Written after the action committed: a failed audit write is logged, not turned into
 * an error, so the barista is never told an action failed when it happened.
 */
export async function auditKdsAction(actor: StaffUser, action: string, orderId: string, result: unknown, verb: string): Promise<void> {
  const ticket = (result as { ticketNumber?: number } | null)?.ticketNumber;
  await recordStaffAction({
    prisma: getPrisma(),
    actor,
    action,
    orderId,
    summary: `${verb} ${ticket === undefined ? "a ticket" : `#${ticket}`}`,
  }).catch((error: unknown) => logger.warn({ action, orderId, err: errorInfo(error) }, "audit log write failed"));
}
