import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { buildPaymentRefund, PAYMENT_REFUND } from "../messages/payment-refund.ts";
import { sendOutboxMessage } from "../outbox/send-outbox-message.ts";
import type { Transport } from "../queue/transport.ts";

type Row = { attempt: number; ticketNumber: number; amountCents: number };

/**
 * A manager's Retry of a FAILED refund. In one transaction, and only while the refund is
 * FAILED: a new attempt (the provider's idempotency key is order id + attempt, so this is
 * a new request to the provider, and a late message of the old attempt does nothing), the
 * `payment.refund` outbox row and the audit row; then the message is sent (the reconciler
 * sends it if this send fails). A PENDING refund belongs to the queue, which retries it by
 * itself, and a SUCCEEDED one is done: both are a CONFLICT.
 */
export async function retryRefund(options: {
  prisma: PrismaClient;
  transport: Transport;
  actor: Pick<StaffUser, "id" | "name">;
  orderId: string;
  now?: Date;
}): Promise<{ outboxId: string; attempt: number }> {
  const { prisma, orderId } = options;
  const now = options.now ?? new Date();
  const outboxId = crypto.randomUUID();
  const body = await prisma.$transaction(async (tx) => {
    const [retried] = await tx.$queryRaw<Row[]>`
      UPDATE "Refund" r SET "attempt" = r."attempt" + 1, "status" = 'PENDING', "lastError" = NULL, "requestedAt" = ${now}, "settledAt" = NULL
      FROM "Order" o
      WHERE r."orderId" = ${orderId}::uuid AND r."status" = 'FAILED' AND o."id" = r."orderId"
      RETURNING r."attempt", o."ticketNumber", r."amountCents"`;
    if (!retried) throw await whyNot(tx, orderId);
    const message = buildPaymentRefund({ outboxId, orderId, attempt: retried.attempt });
    await tx.outboxMessage.create({ data: { id: outboxId, orderId, destination: PAYMENT_REFUND.destination, type: message.type, body: message } });
    await recordStaffAction({
      tx,
      actor: options.actor,
      action: "payment.refund.retry",
      orderId,
      summary: `Retry the failed refund of ticket #${retried.ticketNumber} (attempt ${retried.attempt})`,
      details: { outboxId, attempt: retried.attempt, amountCents: retried.amountCents },
    });
    return message;
  });
  await sendOutboxMessage({
    prisma,
    transport: options.transport,
    row: { id: body.outboxId, orderId, destination: PAYMENT_REFUND.destination, type: body.type, body },
  });
  return { outboxId, attempt: body.attempt };
}

async function whyNot(tx: Pick<PrismaClient, "refund">, orderId: string): Promise<AppError> {
  const refund = await tx.refund.findUnique({ where: { orderId }, select: { status: true } });
  if (!refund) return new AppError("NOT_FOUND", "That order has no refund");
  if (refund.status === "SUCCEEDED") return new AppError("CONFLICT", "That payment was already refunded");
  return new AppError("CONFLICT", "That refund is still pending: the worker is on it and retries it by itself");
}
