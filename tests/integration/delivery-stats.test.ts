import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optOut } from "../../lib/consent/opt-out.ts";
import type { ChannelDelivery, DeliveryStats } from "../../lib/dashboard/delivery-stats.ts";
import { getDeliveryStats } from "../../lib/dashboard/get-delivery-stats.ts";
import type { NotificationChannel, NotificationStatus } from "../../lib/generated/prisma/enums.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { DAILY_LIMIT_REASON, OPTED_OUT_REASON } from "../../lib/notifications/claim-notifications.ts";
import { notifyCustomer } from "../../lib/notifications/notify-customer.ts";
import { createDevSmsInboxSender } from "../../lib/notifications/sms-sender.ts";
import { placeTestOrder, readyEventFor } from "../support/worker-harness.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// The dashboard's delivery report against real Postgres: rows counted on the store's
// calendar day (not UTC's), the week's first midnight in and the one before out, a
// daylight-saving change inside the week, skips split by reason; and skips recorded by
// the real notifier land in the right column.

let stack: TestStack;
let orderId: string;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  ({ orderId } = await placeTestOrder(stack));
});
afterAll(() => stack?.stop());

let events = 0;
function seed(at: string, channel: NotificationChannel, status: NotificationStatus, lastError: string | null = null) {
  return stack.prisma.notification.create({
    data: { orderId, event: `test.${++events}`, channel, recipient: channel === "PUSH" ? "https://fcm.googleapis.com/fcm/send/x" : "+14155550100", status, lastError, createdAt: new Date(at) },
  });
}

/** The days that have anything, as day → [sent, failed, opted out, daily limit, other skipped]. */
function busyDays(stats: DeliveryStats, channel: NotificationChannel) {
  const delivery = stats.channels.find((c) => c.channel === channel) as ChannelDelivery;
  return Object.fromEntries(
    delivery.days.filter((d) => d.sent + d.failed + d.skipped > 0).map((d) => [d.day, [d.sent, d.failed, d.optedOut, d.dailyLimit, d.otherSkipped]]),
  );
}

describe("getDeliveryStats", () => {
  // New York: EST (UTC−5) until 2026-03-08 02:00, EDT (UTC−4) after. Now: Tuesday 10 March, 11:00 EDT.
  const timeZone = "America/New_York";
  const now = new Date("2026-03-10T15:00:00Z");

  beforeAll(async () => {
    // Around today's midnight (04:00Z): the last instant of Monday, the first of Tuesday.
    await seed("2026-03-10T03:59:59.999Z", "SMS", "SENT");
    await seed("2026-03-10T04:00:00.000Z", "SMS", "SENT");
    // Today, every outcome.
    await seed("2026-03-10T12:00:00Z", "SMS", "FAILED", "provider said no");
    await seed("2026-03-10T12:01:00Z", "SMS", "SKIPPED", OPTED_OUT_REASON);
    await seed("2026-03-10T12:02:00Z", "SMS", "SKIPPED", OPTED_OUT_REASON);
    await seed("2026-03-10T12:03:00Z", "SMS", "SKIPPED", DAILY_LIMIT_REASON);
    await seed("2026-03-10T12:04:00Z", "SMS", "PENDING", "timeout");
    await seed("2026-03-10T12:05:00Z", "EMAIL", "SENT");
    await seed("2026-03-10T12:06:00Z", "EMAIL", "SKIPPED", OPTED_OUT_REASON);
    await seed("2026-03-10T12:07:00Z", "PUSH", "SENT");
    await seed("2026-03-10T12:08:00Z", "PUSH", "SENT");
    await seed("2026-03-10T12:09:00Z", "PUSH", "SKIPPED", "push turned off");
    await seed("2026-03-10T12:10:00Z", "PUSH", "FAILED", "push subscription gone (410)");
    // Tomorrow's first instant is not in the report.
    await seed("2026-03-11T04:00:00Z", "SMS", "SENT");
    // Around the night the clocks went forward: Saturday 23:30 EST, Sunday 00:30 EST.
    await seed("2026-03-08T04:30:00Z", "EMAIL", "SENT");
    await seed("2026-03-08T05:30:00Z", "EMAIL", "FAILED", "connect ECONNREFUSED");
    // The week's first midnight (Wednesday 4 March, 00:00 EST) is in, the instant before it out.
    await seed("2026-03-04T05:00:00Z", "PUSH", "SENT");
    await seed("2026-03-04T04:59:59.999Z", "PUSH", "SENT");
  });

  it("counts per channel and store day, today first, skips split by reason", async () => {
    const stats = await getDeliveryStats({ prisma: stack.prisma, timeZone, now });
    expect(stats.today).toBe("2026-03-10");
    expect(stats.channels.map((c) => c.label)).toEqual(["Text", "Email", "Push"]);
    expect(stats.channels[0]!.days.map((d) => d.day)).toEqual(["2026-03-10", "2026-03-09", "2026-03-08", "2026-03-07", "2026-03-06", "2026-03-05", "2026-03-04"]);
    expect(busyDays(stats, "SMS")).toEqual({ "2026-03-10": [1, 1, 2, 1, 0], "2026-03-09": [1, 0, 0, 0, 0] });
    expect(busyDays(stats, "EMAIL")).toEqual({ "2026-03-10": [1, 0, 1, 0, 0], "2026-03-08": [0, 1, 0, 0, 0], "2026-03-07": [1, 0, 0, 0, 0] });
    expect(busyDays(stats, "PUSH")).toEqual({ "2026-03-10": [2, 1, 0, 0, 1], "2026-03-04": [1, 0, 0, 0, 0] });
    expect(stats.channels[0]!.days[0]).toMatchObject({ skipped: 3, inFlight: 1 });
    expect(stats.channels.map((c) => c.total.sent)).toEqual([2, 2, 3]);
  });

  it("puts the same instants on other days in another zone", async () => {
    const stats = await getDeliveryStats({ prisma: stack.prisma, timeZone: "UTC", now });
    // In UTC both of the midnight pair fall on the 10th; the 11th is still tomorrow.
    expect(busyDays(stats, "SMS")).toEqual({ "2026-03-10": [2, 1, 2, 1, 0] });
    expect(busyDays(stats, "EMAIL")).toEqual({ "2026-03-10": [1, 0, 1, 0, 0], "2026-03-08": [1, 1, 0, 0, 0] });
    expect(busyDays(stats, "PUSH")).toEqual({ "2026-03-10": [2, 1, 0, 0, 1], "2026-03-04": [2, 0, 0, 0, 0] });
  });
});

describe("delivery report of the real notifier", () => {
  it("shows what the notifier skipped under opted out and daily limit", async () => {
    const notify = (event: ReturnType<typeof readyEventFor>) =>
      notifyCustomer({ prisma: stack.prisma, smsSender: createDevSmsInboxSender(stack), emailSender: null, storeName: "Brewline", dailyLimitPerRecipient: 1, event });
    const stopped = "+14155550201";
    const busy = "+14155550202";
    await optOut({ prisma: stack.prisma, channel: "SMS", recipient: stopped, source: "sms-reply", wording: "STOP" });
    for (const phone of [stopped, busy, busy]) await notify(readyEventFor(await placeTestOrder(stack, { phone })));

    // The week's total: right now may be a UTC midnight.
    const stats = await getDeliveryStats({ prisma: stack.prisma, timeZone: "UTC" });
    expect(stats.channels[0]!.total).toMatchObject({ sent: 1, failed: 0, skipped: 2, optedOut: 1, dailyLimit: 1, otherSkipped: 0 });
  });
});
