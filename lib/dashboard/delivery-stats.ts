import type { NotificationChannel, NotificationStatus } from "../generated/prisma/enums.ts";
import { DAILY_LIMIT_REASON, OPTED_OUT_REASON } from "../notifications/claim-notifications.ts";
import { shiftDay } from "./date-range.ts";

// Pure part of the delivery report: counts read from Postgres (get-delivery-stats.ts),
// grouped by store day, channel, status and skip reason, become one table per channel
// with every day present (a quiet day is a row of zeros, not a missing row). No I/O here.

export const DELIVERY_DAYS = 7;

/** The channels in the order the dashboard lists them, named as a customer would say them. */
export const CHANNEL_LABELS = { SMS: "Text", EMAIL: "Email", PUSH: "Push" } as const satisfies Record<NotificationChannel, string>;
const CHANNELS = Object.keys(CHANNEL_LABELS) as NotificationChannel[];

/** The per-recipient daily limit holds back texts and emails, never a push (claim-notifications.ts). */
export const DAILY_LIMITED_CHANNELS: ReadonlySet<NotificationChannel> = new Set(["SMS", "EMAIL"]);

export type DeliveryCountRow = {
  /** The store's calendar day (YYYY-MM-DD) the notification was created on. */
  day: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  /** lastError of a SKIPPED row (why it was not sent); null for the other statuses. */
  skipReason: string | null;
  count: number;
};

export type DeliveryCounts = {
  sent: number;
  failed: number;
  /** optedOut + dailyLimit + otherSkipped. */
  skipped: number;
  optedOut: number;
  dailyLimit: number;
  /** Skipped for another reason, e.g. the customer turned push off before it went. */
  otherSkipped: number;
  /** Still PENDING or SENDING (a retry is due): neither sent nor given up yet. */
  inFlight: number;
};

export type ChannelDelivery = {
  channel: NotificationChannel;
  label: string;
  /** Today first, then each earlier day: DELIVERY_DAYS rows. */
  days: ({ day: string } & DeliveryCounts)[];
  total: DeliveryCounts;
};

export type DeliveryStats = { today: string; channels: ChannelDelivery[] };

type SkipKind = "optedOut" | "dailyLimit" | "otherSkipped";

export function skipKindOf(reason: string | null): SkipKind {
  if (reason === OPTED_OUT_REASON) return "optedOut";
  if (reason === DAILY_LIMIT_REASON) return "dailyLimit";
  return "otherSkipped";
}

/** The report's store days, today first. */
export function deliveryDays(today: string, count = DELIVERY_DAYS): string[] {
  return Array.from({ length: count }, (_, i) => shiftDay(today, -i));
}

const zero = (): DeliveryCounts => ({ sent: 0, failed: 0, skipped: 0, optedOut: 0, dailyLimit: 0, otherSkipped: 0, inFlight: 0 });

function addTo(counts: DeliveryCounts, row: DeliveryCountRow): void {
  switch (row.status) {
    case "SENT":
      counts.sent += row.count;
      return;
    case "FAILED":
      counts.failed += row.count;
      return;
    case "SKIPPED":
      counts.skipped += row.count;
      counts[skipKindOf(row.skipReason)] += row.count;
      return;
    default:
      counts.inFlight += row.count;
  }
}

/** Rows outside the report's days (a clock running ahead, say) are left out. */
export function computeDeliveryStats(rows: readonly DeliveryCountRow[], today: string): DeliveryStats {
  const days = deliveryDays(today);
  const channels = CHANNELS.map((channel) => ({
    channel,
    label: CHANNEL_LABELS[channel],
    days: days.map((day) => ({ day, ...zero() })),
    total: zero(),
  }));
  for (const row of rows) {
    const channel = channels.find((c) => c.channel === row.channel);
    const day = channel?.days.find((d) => d.day === row.day);
    if (!channel || !day) continue;
    addTo(day, row);
    addTo(channel.total, row);
  }
  return { today, channels };
}
