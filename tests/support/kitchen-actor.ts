import type { AuditActor } from "../../lib/audit/record-staff-action.ts";

/** Who a test's kitchen actions are recorded as in the audit log (AuditLog.actorId is not a foreign key). */
export const testBarista: AuditActor = { id: "test-barista", name: "Sam" };
