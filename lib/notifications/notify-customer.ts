import { AppError } from "../errors.ts";
import type { NotificationChannel, PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import type { OrderEvent } from "../messages/order-events.ts";
import type { MoneyFormat } from "../money/money-format.ts";
import { storeMoneyFromEnv } from "../money/store-money.ts";
import { claimNotifications, DAILY_LIMIT_REASON, type ClaimedNotification, type ExistingNotification } from "./claim-notifications.ts";
import { customerMessage, type CustomerMessage } from "./customer-messages.ts";
import type { EmailSender } from "./email-sender.ts";
import { readMessageExtras } from "./read-message-extras.ts";
import { readTemplates } from "./read-templates.ts";
import type { SmsSender } from "./sms-sender.ts";

export const MAX_NOTIFICATION_ATTEMPTS = 5;
/**
 * A send takes seconds (SMTP timeouts are capped well below this); a claim this old
 * belongs to a worker that died mid-send. It must be shorter than the notifications
 * queue's retries last (about 4 minutes over 8 receives), or the event would be
 * dead-lettered while the row still says SENDING.
 */
const STALE_SENDING_AFTER_MS = 2 * 60_000;

export type ChannelOutcome = "sent" | "already-sent" | "failed" | "outcome-unknown" | "skipped";

export type NotifyDependencies = {
  prisma: PrismaClient;
  smsSender: SmsSender | null;
  emailSender: EmailSender | null;
  storeName: string;
  /** How amounts are written (receipt, refund); default: the store's, from the environment. */
  moneyFormat?: MoneyFormat;
  maxAttempts?: number;
  staleSendingAfterMs?: number;
  /** NOTIFY_DAILY_LIMIT_PER_RECIPIENT: messages one phone number or address may get per 24 hours; 0 or absent = no limit. */
  dailyLimitPerRecipient?: number;
};

type NotifyOptions = NotifyDependencies & { event: OrderEvent };

/**
 * Tells the customer about an order event on each channel they gave, at most once per event and
 * channel: each channel's Notification row must be claimed before sending, so duplicate or
 * concurrent deliveries, or the same event published again for the order, cannot send twice. A
 * failed channel goes back to PENDING and the error is rethrown for SQS to retry; a SENT one is not
 * sent again. (docs/ARCHITECTURE.md, "Notifications")
 */
export async function notifyCustomer(options: NotifyOptions): Promise<Partial<Record<NotificationChannel, ChannelOutcome>>> {
  const { prisma, event, smsSender, emailSender } = options;
  const channels: NotificationChannel[] = [];
  if (smsSender) channels.push("SMS");
  if (emailSender) channels.push("EMAIL");
  const claims = await claimNotifications({
    prisma,
    outboxId: event.outboxId,
    orderId: event.orderId,
    event: event.type,
    channels,
    dailyLimitPerRecipient: options.dailyLimitPerRecipient,
  });
  if (!claims) throw new AppError("NOT_FOUND", `order ${event.orderId} does not exist`);

  const [templates, extras] =
    claims.claimed.length > 0
      ? await Promise.all([
          readTemplates({ prisma, event: event.type }),
          readMessageExtras({
            prisma,
            event,
            receipt: claims.claimed.some((c) => c.channel === "EMAIL"),
            moneyFormat: options.moneyFormat ?? storeMoneyFromEnv(),
          }),
        ])
      : [{}, {}];
  const content = customerMessage(
    event,
    { customerName: claims.order.customerName, ticketNumber: claims.order.ticketNumber, storeName: options.storeName },
    templates,
    extras,
  );
  const results = await Promise.allSettled(
    claims.wanted.map((channel) => {
      const claim = claims.claimed.find((c) => c.channel === channel);
      if (claim) return sendClaimed(options, claim, content);
      if (claims.skipped.some((s) => s.channel === channel)) return Promise.resolve(skippedNow(options, channel));
      return settleUnclaimed(options, channel, claims.existing.find((r) => r.channel === channel));
    }),
  );
  const outcomes: Partial<Record<NotificationChannel, ChannelOutcome>> = {};
  const errors: string[] = [];
  results.forEach((r, i) => {
    const channel = claims.wanted[i]!;
    if (r.status === "fulfilled") outcomes[channel] = r.value;
    else errors.push(`${channel}: ${errorInfo(r.reason).message}`);
  });
  if (errors.length > 0) throw new Error(`${event.type} notification not delivered (${errors.join("; ")})`);
  return outcomes;
}

async function sendClaimed(options: NotifyOptions, claim: ClaimedNotification, content: CustomerMessage): Promise<ChannelOutcome> {
  const { prisma } = options;
  const log = { orderId: options.event.orderId, event: options.event.type, channel: claim.channel };
  let providerId: string;
  try {
    ({ providerId } =
      claim.channel === "SMS"
        ? await options.smsSender!.send({ to: claim.recipient, body: content.sms })
        : await options.emailSender!.send({ to: claim.recipient, ...content.email }));
  } catch (error) {
    const message = errorInfo(error).message.slice(0, 500);
    const final = claim.attempts >= (options.maxAttempts ?? MAX_NOTIFICATION_ATTEMPTS);
    await prisma.$executeRaw`
      UPDATE "Notification" SET "status" = ${final ? "FAILED" : "PENDING"}::"NotificationStatus", "lastError" = ${message}
      WHERE "id" = ${claim.id}::uuid`;
    if (final) {
      logger.error({ ...log, attempts: claim.attempts, err: errorInfo(error) }, "notification failed for good");
      return "failed";
    }
    throw error;
  }
  await prisma.$executeRaw`
    UPDATE "Notification" SET "status" = 'SENT', "sentAt" = ${new Date()}, "providerId" = ${providerId}, "lastError" = NULL
    WHERE "id" = ${claim.id}::uuid`;
  logger.info({ ...log, attempts: claim.attempts }, "customer notified");
  return "sent";
}

function skippedNow(options: NotifyOptions, channel: NotificationChannel): ChannelOutcome {
  // A warning: many of these for one recipient is someone using the shop to message a victim.
  logger.warn({ orderId: options.event.orderId, event: options.event.type, channel }, `notification skipped: ${DAILY_LIMIT_REASON}`);
  return "skipped";
}

/** A channel this worker did not claim: already done (or skipped), or someone else is on it. */
async function settleUnclaimed(
  options: NotifyOptions,
  channel: NotificationChannel,
  row: ExistingNotification | undefined,
): Promise<ChannelOutcome> {
  if (row?.status === "SENT") return "already-sent";
  if (row?.status === "FAILED") return "failed";
  if (row?.status === "SKIPPED") return "skipped";
  // SENDING: another worker holds it. Sending again could text the customer twice,
  // so never resend; once the claim is stale, give up on it as unknown.
  const staleMs = options.staleSendingAfterMs ?? STALE_SENDING_AFTER_MS;
  if (row?.status === "SENDING" && row.claimedAt && Date.now() - new Date(row.claimedAt).getTime() > staleMs) {
    await options.prisma.notification.updateMany({
      where: { id: row.id, status: "SENDING", claimedAt: new Date(row.claimedAt) },
      data: { status: "FAILED", lastError: "outcome unknown: the sending worker stopped before recording the result" },
    });
    logger.warn({ orderId: options.event.orderId, channel }, "notification claim went stale; marked FAILED (outcome unknown)");
    return "outcome-unknown";
  }
  // Come back later: by then the other worker has recorded SENT, or its claim is stale.
  throw new Error(`${channel} notification is being sent by another worker`);
}
