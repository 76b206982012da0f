import { describe, expect, it } from "vitest";
import { asStatusView, becameReady, headline, isFinal, ordinal, stepIndex, waitText, type LiveStatusView } from "./status-view.ts";

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
    expect(headline(view({ status: "CANCELLED", cancelReason: "Out of oat milk" })).detail).toBe("Out of oat milk");
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

  it("alerts only on the change to READY, not when the page opens on a ready order", () => {
    expect(becameReady("IN_PROGRESS", "READY")).toBe(true);
    expect(becameReady(undefined, "READY")).toBe(false);
    expect(becameReady("READY", "READY")).toBe(false);
  });

  it("accepts only status views", () => {
    expect(asStatusView(view())).not.toBeNull();
    expect(asStatusView({ error: { message: "nope" } })).toBeNull();
    expect(asStatusView(null)).toBeNull();
  });
});
