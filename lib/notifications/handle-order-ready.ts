import { AppError } from "../errors.ts";
import type { NotificationChannel, PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import { markOutboxProcessed } from "../outbox/mark-outbox-processed.ts";
import type { OrderReadyEvent } from "../queue/messages.ts";
import type { EmailSender } from "./email-sender.ts";
import { readyEmail, readySmsText } from "./ready-message.ts";
import type { SmsSender } from "./sms-sender.ts";

export const MAX_NOTIFICATION_ATTEMPTS = 5;
/**
 * A send takes seconds (SMTP timeouts are capped well below this); a claim this old
 * belongs to a worker that died mid-send. It must be shorter than the notifications
 * queue's retries last (about 4 minutes over 8 receives), or the event would be
 * dead-lettered while the row still says SENDING.
 */
export const STALE_SENDING_AFTER_MS = 2 * 60_000;

export type ChannelOutcome = "sent" | "already-sent" | "failed" | "outcome-unknown";

export type NotifyDependencies = {
  prisma: PrismaClient;
  smsSender: SmsSender | null;
  emailSender: EmailSender | null;
  storeName: string;
  maxAttempts?: number;
  staleSendingAfterMs?: number;
};

type Delivery = { channel: NotificationChannel; recipient: string; send: () => Promise<{ providerId: string }> };

/**
 * Tells the customer their order is ready, on each channel they gave us, at most once
 * per channel. Each channel has its own Notification row (unique per order, event and
 * channel) that a worker must claim PENDING → SENDING before sending, so duplicate or
 * concurrent deliveries of the event cannot send twice. A failed channel goes back to
 * PENDING and the error is rethrown so SQS retries the event with backoff; the other
 * channel's SENT row stands and is not sent again.
 */
export async function handleOrderReady(
  options: NotifyDependencies & { event: OrderReadyEvent },
): Promise<Partial<Record<NotificationChannel, ChannelOutcome>>> {
  const { prisma, event } = options;
  await markOutboxProcessed({ db: prisma, outboxId: event.outboxId });
  const order = await prisma.order.findUnique({
    where: { id: event.orderId },
    select: { customerName: true, ticketNumber: true, phone: true, email: true },
  });
  if (!order) throw new AppError("NOT_FOUND", `order ${event.orderId} does not exist`);

  const content = { customerName: order.customerName, ticketNumber: order.ticketNumber, storeName: options.storeName };
  const deliveries: Delivery[] = [];
  const { smsSender, emailSender } = options;
  if (order.phone && smsSender) {
    const to = order.phone;
    deliveries.push({ channel: "SMS", recipient: to, send: () => smsSender.send({ to, body: readySmsText(content) }) });
  }
  if (order.email && emailSender) {
    const to = order.email;
    deliveries.push({ channel: "EMAIL", recipient: to, send: () => emailSender.send({ to, ...readyEmail(content) }) });
  }

  const results = await Promise.allSettled(deliveries.map((d) => deliver(options, d)));
  const outcomes: Partial<Record<NotificationChannel, ChannelOutcome>> = {};
  const errors: string[] = [];
  results.forEach((r, i) => {
    const { channel } = deliveries[i]!;
    if (r.status === "fulfilled") outcomes[channel] = r.value;
    else errors.push(`${channel}: ${errorInfo(r.reason).message}`);
  });
  if (errors.length > 0) throw new Error(`order.ready notification not delivered (${errors.join("; ")})`);
  return outcomes;
}

async function deliver(options: NotifyDependencies & { event: OrderReadyEvent }, delivery: Delivery): Promise<ChannelOutcome> {
  const { prisma, event } = options;
  const { channel } = delivery;
  const key = { orderId: event.orderId, event: event.type, channel };
  const log = { orderId: event.orderId, channel };

  await prisma.notification.createMany({ data: [{ ...key, recipient: delivery.recipient }], skipDuplicates: true });
  const claimedAt = new Date();
  const claim = await prisma.notification.updateMany({
    where: { ...key, status: "PENDING" },
    data: { status: "SENDING", attempts: { increment: 1 }, claimedAt },
  });
  const row = await prisma.notification.findUniqueOrThrow({ where: { orderId_event_channel: key } });

  if (claim.count === 0) {
    if (row.status === "SENT") return "already-sent";
    if (row.status === "FAILED") return "failed";
    // SENDING: another worker holds it. Sending again could text the customer twice,
    // so never resend; once the claim is stale, give up on it as unknown.
    const staleMs = options.staleSendingAfterMs ?? STALE_SENDING_AFTER_MS;
    if (row.claimedAt && Date.now() - row.claimedAt.getTime() > staleMs) {
      await prisma.notification.updateMany({
        where: { id: row.id, status: "SENDING", claimedAt: row.claimedAt },
        data: { status: "FAILED", lastError: "outcome unknown: the sending worker stopped before recording the result" },
      });
      logger.warn(log, "notification claim went stale; marked FAILED (outcome unknown)");
      return "outcome-unknown";
    }
    // Come back later: by then the other worker has recorded SENT, or its claim is stale.
    throw new Error(`${channel} notification is being sent by another worker`);
  }

  let providerId: string;
  try {
    ({ providerId } = await delivery.send());
  } catch (error) {
    const message = errorInfo(error).message.slice(0, 500);
    const final = row.attempts >= (options.maxAttempts ?? MAX_NOTIFICATION_ATTEMPTS);
    await prisma.notification.update({ where: { id: row.id }, data: { status: final ? "FAILED" : "PENDING", lastError: message } });
    if (final) {
      logger.error({ ...log, attempts: row.attempts, err: errorInfo(error) }, "notification failed for good");
      return "failed";
    }
    throw error;
  }
  await prisma.notification.update({ where: { id: row.id }, data: { status: "SENT", sentAt: new Date(), providerId, lastError: null } });
  logger.info({ ...log, attempts: row.attempts }, "customer notified");
  return "sent";
}
