import { describe, expect, it } from "vitest";
import { asStatusView, becameReady, cancelledDetail, headline, isFinal, keepsListening, ordinal, stepIndex, waitText, type LiveStatusView } from "./status-view.ts";

const view = (patch: Partial<LiveStatusView> = {}): LiveStatusView => ({
  ticketNumber: 42,
  customerName: "Ada",
  status: "QUEUED",
  totalCents: 490,
  placedAt: "2026-01-01T10:00:00.000Z",
  queuedAt: null,
  startedAt: null,
  readyRequestedAt: null,
  readyAt: null,
  cancelledAt: null,
  cancelReason: null,
  items: [],
  notify: { sms: false, email: false },
  ...patch,
});

describe("status view", () => {
  it("orders the steps and knows the final states", () => {
    expect(stepIndex("PLACED")).toBe(0);
    expect(stepIndex("READY")).toBe(3);
    expect(stepIndex("CANCELLED")).toBe(-1);
    expect(isFinal("READY")).toBe(true);
    expect(isFinal("IN_PROGRESS")).toBe(false);
  });

  it("tells the customer what to do when it is ready, and why it was cancelled", () => {
    expect(headline(view({ status: "READY" })).title).toMatch(/pick it up at the counter/i);
    expect(headline(view({ status: "READY" })).detail).toContain("#42");
    expect(headline(view({ status: "CANCELLED", cancelReason: "Out of oat milk" })).detail).toBe("Cancelled by the café: Out of oat milk");
    expect(headline(view({ status: "CANCELLED", cancelReason: null })).detail).toBe("Please ask at the counter.");
    expect(headline(view({ status: "IN_PROGRESS", readyRequestedAt: "2026-01-01T10:05:00.000Z" })).title).toBe("Almost ready");
  });

  it("describes the wait from the queue position and ETA, when the server sends them", () => {
    expect(waitText(view())).toBeNull();
    expect(waitText(view({ queuePosition: 1, etaMinutes: 2 }))).toBe("Next in line · about 2 min");
    expect(waitText(view({ queuePosition: 3, etaMinutes: 0 }))).toBe("3rd in the queue · any moment now");
    expect(waitText(view({ status: "READY", queuePosition: 1 }))).toBeNull();
  });

  it("writes ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]);
  });

  it("says who cancelled", () => {
    expect(cancelledDetail("Cancelled by the customer")).toBe("You cancelled this order. You won't be charged.");
    expect(cancelledDetail("  Duplicate order ")).toBe("Cancelled by the café: Duplicate order");
    expect(cancelledDetail("Cancelled by the café: closing")).toBe("Cancelled by the café: closing");
    expect(cancelledDetail("")).toBe("Please ask at the counter.");
  });

  it("alerts only on the change to READY, not when the page opens on a ready order", () => {
    expect(becameReady("IN_PROGRESS", "READY")).toBe(true);
    expect(becameReady(undefined, "READY")).toBe(false);
    expect(becameReady("READY", "READY")).toBe(false);
  });

  it("follows a recalled order back to being made, and alerts again only when it is next ready", () => {
    // READY → recalled (IN_PROGRESS) → READY again.
    const statuses = ["IN_PROGRESS", "READY", "IN_PROGRESS", "IN_PROGRESS", "READY", "READY"] as const;
    const alerts = statuses.map((s, i) => becameReady(statuses[i - 1], s));
    expect(alerts).toEqual([false, true, false, false, true, false]);
    expect(keepsListening("READY")).toBe(true);
    expect(keepsListening("CANCELLED")).toBe(false);
    expect(headline(view({ status: "IN_PROGRESS" })).title).toBe("Being made");
  });

  it("accepts only status views", () => {
    expect(asStatusView(view())).not.toBeNull();
    expect(asStatusView({ error: { message: "nope" } })).toBeNull();
    expect(asStatusView(null)).toBeNull();
  });
});
