import { describe, expect, it } from "vitest";
import { DAILY_LIMIT_REASON, OPTED_OUT_REASON } from "../notifications/claim-notifications.ts";
import { computeDeliveryStats, deliveryDays, skipKindOf, type DeliveryCountRow } from "./delivery-stats.ts";

const row = (r: Partial<DeliveryCountRow> & Pick<DeliveryCountRow, "status" | "count">): DeliveryCountRow => ({
  day: "2026-12-05",
  channel: "SMS",
  skipReason: null,
  ...r,
});

describe("deliveryDays", () => {
  it("is the last seven store days, today first, across a month and a year end", () => {
    expect(deliveryDays("2027-01-02")).toEqual(["2027-01-02", "2027-01-01", "2026-12-31", "2026-12-30", "2026-12-29", "2026-12-28", "2026-12-27"]);
  });
});

describe("skipKindOf", () => {
  it("tells opted out and the daily limit apart from any other reason", () => {
    expect(skipKindOf(OPTED_OUT_REASON)).toBe("optedOut");
    expect(skipKindOf(DAILY_LIMIT_REASON)).toBe("dailyLimit");
    expect(skipKindOf("push turned off")).toBe("otherSkipped");
    expect(skipKindOf(null)).toBe("otherSkipped");
  });
});

describe("computeDeliveryStats", () => {
  it("lists every channel as Text, Email, Push with all seven days, zeros on quiet days", () => {
    const stats = computeDeliveryStats([], "2026-12-05");
    expect(stats.channels.map((c) => [c.channel, c.label])).toEqual([
      ["SMS", "Text"],
      ["EMAIL", "Email"],
      ["PUSH", "Push"],
    ]);
    for (const c of stats.channels) {
      expect(c.days.map((d) => d.day)).toEqual(deliveryDays("2026-12-05"));
      expect(c.total).toEqual({ sent: 0, failed: 0, skipped: 0, optedOut: 0, dailyLimit: 0, otherSkipped: 0, inFlight: 0 });
    }
  });

  it("counts each status on its channel and day, splits skips by reason and totals the week", () => {
    const stats = computeDeliveryStats(
      [
        row({ status: "SENT", count: 5 }),
        row({ status: "FAILED", count: 2 }),
        row({ status: "SKIPPED", skipReason: OPTED_OUT_REASON, count: 3 }),
        row({ status: "SKIPPED", skipReason: DAILY_LIMIT_REASON, count: 4 }),
        row({ status: "PENDING", count: 1 }),
        row({ status: "SENDING", count: 1 }),
        row({ day: "2026-11-29", status: "SENT", count: 7 }),
        row({ channel: "PUSH", status: "SKIPPED", skipReason: "push turned off", count: 1 }),
        row({ channel: "PUSH", status: "SKIPPED", skipReason: OPTED_OUT_REASON, count: 2 }),
        row({ channel: "EMAIL", day: "2026-12-04", status: "SENT", count: 6 }),
      ],
      "2026-12-05",
    );
    const [text, email, push] = stats.channels;
    expect(text!.days[0]).toEqual({ day: "2026-12-05", sent: 5, failed: 2, skipped: 7, optedOut: 3, dailyLimit: 4, otherSkipped: 0, inFlight: 2 });
    expect(text!.days[6]).toMatchObject({ day: "2026-11-29", sent: 7, skipped: 0 });
    expect(text!.total).toEqual({ sent: 12, failed: 2, skipped: 7, optedOut: 3, dailyLimit: 4, otherSkipped: 0, inFlight: 2 });
    expect(email!.days[0]).toMatchObject({ sent: 0 });
    expect(email!.days[1]).toMatchObject({ day: "2026-12-04", sent: 6 });
    expect(push!.days[0]).toMatchObject({ sent: 0, skipped: 3, optedOut: 2, dailyLimit: 0, otherSkipped: 1 });
  });

  it("leaves out rows from before the week or after today", () => {
    const stats = computeDeliveryStats(
      [row({ day: "2026-11-28", status: "SENT", count: 9 }), row({ day: "2026-12-06", status: "SENT", count: 9 }), row({ status: "SENT", count: 1 })],
      "2026-12-05",
    );
    expect(stats.channels[0]!.total.sent).toBe(1);
  });
});
