import { AppError } from "../errors.ts";
import type { NotificationChannel, PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo, logger } from "../log.ts";
import type { OrderEvent } from "../messages/order-events.ts";
import type { MoneyFormat } from "../money/money-format.ts";
import { storeMoneyFromEnv } from "../money/store-money.ts";
import { unsubscribeLinksFor, type UnsubscribeLinks } from "../consent/unsubscribe-links.ts";
import { claimNotifications, type ClaimedNotification, type ExistingNotification } from "./claim-notifications.ts";
import { customerMessage, type CustomerMessage } from "./customer-messages.ts";
import type { EmailSender } from "./email-sender.ts";
import { readMessageExtras } from "./read-message-extras.ts";
import { readTemplates } from "./read-templates.ts";
import { PushSubscriptionGoneError, type PushSender } from "./push-sender.ts";
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
  /** Web Push (VAPID configured); absent or null = no push. */
  pushSender?: PushSender | null;
  storeName: string;
  /** The shop's address, for the unsubscribe links of emails (RFC 8058); absent = emails carry none. */
  publicBaseUrl?: string;
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
  if (options.pushSender) channels.push("PUSH");
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
  const emailClaim = claims.claimed.find((c) => c.channel === "EMAIL");
  const unsubscribe =
    emailClaim && options.publicBaseUrl
      ? await unsubscribeLinksFor({ prisma, recipient: emailClaim.recipient, publicBaseUrl: options.publicBaseUrl })
      : undefined;
  const content = customerMessage(
    event,
    { customerName: claims.order.customerName, ticketNumber: claims.order.ticketNumber, storeName: options.storeName },
    templates,
    { ...extras, unsubscribe },
  );
  const statusPath = `/orders/${encodeURIComponent(claims.order.publicToken)}`;
  const results = await Promise.allSettled(
    claims.wanted.map((channel) => {
      const claim = claims.claimed.find((c) => c.channel === channel);
      if (claim) return sendClaimed(options, claim, { content, unsubscribe, statusPath });
      const skipped = claims.skipped.find((s) => s.channel === channel);
      if (skipped) return Promise.resolve(skippedNow(options, channel, skipped.reason));
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

type Outgoing = { content: CustomerMessage; unsubscribe: UnsubscribeLinks | undefined; statusPath: string };

/** Sends one claimed channel's message; null when there is nothing to send it to any more (push turned off meanwhile). */
async function sendOn(options: NotifyOptions, claim: ClaimedNotification, outgoing: Outgoing): Promise<{ providerId: string } | null> {
  const { content } = outgoing;
  if (claim.channel === "SMS") return options.smsSender!.send({ to: claim.recipient, body: content.sms });
  if (claim.channel === "EMAIL") return options.emailSender!.send({ to: claim.recipient, ...content.email, unsubscribe: outgoing.unsubscribe });
  const subscription = await options.prisma.pushSubscription.findUnique({
    where: { orderId: options.event.orderId },
    select: { endpoint: true, p256dh: true, auth: true },
  });
  if (!subscription) return null;
  return options.pushSender!.send({
    subscription,
    message: { ...content.push, url: outgoing.statusPath, tag: `${options.event.orderId}:${options.event.type}` },
  });
}

async function sendClaimed(options: NotifyOptions, claim: ClaimedNotification, outgoing: Outgoing): Promise<ChannelOutcome> {
  const { prisma } = options;
  const log = { orderId: options.event.orderId, event: options.event.type, channel: claim.channel };
  let providerId: string;
  try {
    const sent = await sendOn(options, claim, outgoing);
    if (!sent) {
      await prisma.$executeRaw`
        UPDATE "Notification" SET "status" = 'SKIPPED', "lastError" = ${PUSH_TURNED_OFF_REASON} WHERE "id" = ${claim.id}::uuid`;
      return skippedNow(options, claim.channel, PUSH_TURNED_OFF_REASON);
    }
    ({ providerId } = sent);
  } catch (error) {
    if (error instanceof PushSubscriptionGoneError) {
      // The browser dropped the subscription: it will never work again, so no retry.
      await prisma.$transaction([
        prisma.pushSubscription.deleteMany({ where: { orderId: options.event.orderId, endpoint: claim.recipient } }),
        prisma.notification.update({ where: { id: claim.id }, data: { status: "FAILED", lastError: error.message } }),
      ]);
      logger.info({ ...log, statusCode: error.statusCode }, "push subscription gone; deleted");
      return "failed";
    }
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

/** lastError of a push not sent because the customer turned push off after it was claimed. */
const PUSH_TURNED_OFF_REASON = "push turned off";

function skippedNow(options: NotifyOptions, channel: NotificationChannel, reason: string): ChannelOutcome {
  // A warning: many daily-limit skips for one recipient is someone using the shop to message a victim.
  logger.warn({ orderId: options.event.orderId, event: options.event.type, channel }, `notification skipped: ${reason}`);
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
