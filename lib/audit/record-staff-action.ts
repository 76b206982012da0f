import type { Prisma } from "../generated/prisma/client.ts";

// Staff actions in the audit log, beside the order status changes the database records
// by itself (trigger order_audit): who did it, when, and one line saying what.

/** Who did it: a staff member (lib/auth's StaffUser fits). Declared here so lib/auth can write the log without lib/audit depending on it. */
export type AuditActor = { id: string; name: string };

/**
 * Writes one audit row. A use case that changes something passes its transaction
 * client, so the row commits with the change or not at all (the client itself only
 * for an action that is not a database change, such as signing in).
 */
export async function recordStaffAction(options: {
  tx: Pick<Prisma.TransactionClient, "auditLog">;
  actor: AuditActor;
  /** Dotted verb, e.g. "order.start", "menu.item.update", "store.pause", "staff.sign_in". */
  action: string;
  summary: string;
  orderId?: string | null;
  details?: Record<string, unknown>;
}): Promise<void> {
  const { tx, actor } = options;
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      actorName: actor.name,
      action: options.action,
      summary: options.summary.slice(0, 500),
      orderId: options.orderId ?? null,
      details: (options.details ?? undefined) as never,
    },
  });
}
