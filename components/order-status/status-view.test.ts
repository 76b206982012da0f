import { describe, expect, it } from "vitest";
import {
  asStatusView,
  becameReady,
  beforeKitchen,
  cancelledDetail,
  countdownText,
  headline,
  isFinal,
  keepsListening,
  ordinal,
  paymentState,
  pickupNote,
  shortStatus,
  stepIndex,
  stepsFor,
  waitText,
  type LiveStatusView,
} from "./status-view.ts";

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
    expect(keepsListening(view({ status: "READY" }))).toBe(true);
    expect(keepsListening(view({ status: "CANCELLED" }))).toBe(false);
    expect(headline(view({ status: "IN_PROGRESS" })).title).toBe("Being made");
  });

  it("accepts only status views", () => {
    expect(asStatusView(view())).not.toBeNull();
    expect(asStatusView({ error: { message: "nope" } })).toBeNull();
    expect(asStatusView(null)).toBeNull();
  });

  describe("paying online", () => {
    const online = (patch: Partial<LiveStatusView> = {}) => view({ paymentMethod: "ONLINE", paymentStatus: "UNPAID", tipCents: 50, totalCents: 540, ...patch });
    const awaiting = online({ status: "AWAITING_PAYMENT", checkout: { expiresAt: "2026-01-01T10:30:00.000Z" } });

    it("waits for the payment before the kitchen: no step current, no wait, no ETA text", () => {
      expect(stepIndex("AWAITING_PAYMENT")).toBe(-1);
      expect(beforeKitchen("AWAITING_PAYMENT")).toBe(true);
      expect(beforeKitchen("PLACED")).toBe(false);
      expect(headline(awaiting).title).toBe("Waiting for payment");
      expect(waitText({ ...awaiting, queuePosition: 1, etaMinutes: 4 })).toBeNull();
      expect(paymentState(awaiting)).toEqual({ tone: "waiting", text: "Waiting for payment" });
      expect(isFinal("AWAITING_PAYMENT")).toBe(false);
      expect(keepsListening(awaiting)).toBe(true);
    });

    it("says the payment is being confirmed after the return from the payment page, until the order is placed", () => {
      expect(headline(awaiting, { confirming: true }).title).toBe("Confirming your payment…");
      expect(paymentState(awaiting, { confirming: true })?.text).toBe("Confirming your payment…");
      const placed = online({ status: "PLACED", paymentStatus: "PAID" });
      expect(paymentState(placed, { confirming: true })).toEqual({ tone: "ok", text: "Paid online" });
      expect(headline(placed, { confirming: true }).title).toBe("Order placed");
    });

    it("tells an order never paid was not sent to the kitchen, and stops listening", () => {
      const expired = online({ status: "PAYMENT_EXPIRED" });
      expect(paymentState(expired)?.text).toBe("Payment not completed: this order was not sent to the kitchen");
      expect(headline(expired).title).toBe("Payment not completed");
      expect(isFinal("PAYMENT_EXPIRED")).toBe(true);
      expect(keepsListening(expired)).toBe(false);
    });

    it("does not ask a paid order to pay at the counter", () => {
      expect(headline(online({ status: "READY", paymentStatus: "PAID" })).detail).not.toMatch(/pay at the counter/i);
      expect(headline(view({ status: "READY", paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID" })).detail).toMatch(/pay at the counter/i);
      expect(paymentState(view({ paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID" }))).toBeNull();
      expect(paymentState(view({ paymentMethod: "CASH", paymentStatus: "PAID" }))?.text).toBe("Paid at the counter");
    });

    it("follows the refund of a cancelled paid order", () => {
      const cancelled = (refund: LiveStatusView["refund"], paymentStatus: LiveStatusView["paymentStatus"] = "PAID") =>
        online({ status: "CANCELLED", cancelReason: "Cancelled by the customer", paymentStatus, refund });
      expect(paymentState(cancelled({ status: "PENDING", amountCents: 540 }))?.text).toBe("Refund of $5.40 on its way");
      expect(paymentState(cancelled({ status: "SUCCEEDED", amountCents: 540 }, "REFUNDED"))?.text).toBe("Refunded $5.40 to your card");
      expect(paymentState(cancelled({ status: "FAILED", amountCents: 540 }))).toEqual({ tone: "danger", text: "We couldn't refund automatically — please talk to the café" });
      expect(headline(cancelled({ status: "PENDING", amountCents: 540 })).detail).toBe("You cancelled this order.");
      // Still listening while the money is on its way; not once it arrived or needs a person.
      expect(keepsListening(cancelled({ status: "PENDING", amountCents: 540 }))).toBe(true);
      expect(keepsListening(cancelled({ status: "SUCCEEDED", amountCents: 540 }, "REFUNDED"))).toBe(false);
      expect(keepsListening(cancelled({ status: "SUCCEEDED", amountCents: 540 }))).toBe(false);
      expect(keepsListening(cancelled({ status: "FAILED", amountCents: 540 }))).toBe(false);
    });

    it("says nothing about payment to a server that does not send it", () => {
      expect(paymentState(view())).toBeNull();
    });
  });

  describe("scheduled pickup", () => {
    const scheduled = (patch: Partial<LiveStatusView> = {}) =>
      view({ status: "SCHEDULED", pickupAt: "2026-01-02T08:15:00.000Z", pickupLabel: "8:15 tomorrow", late: false, canCancel: true, ...patch });

    it("says when it is scheduled for, with no queue or wait yet, and keeps listening for it to be fired", () => {
      expect(headline(scheduled())).toEqual({
        title: "Scheduled for 8:15 tomorrow",
        detail: "We'll start making it in time for your pickup. You can cancel until then.",
      });
      expect(waitText(scheduled({ queuePosition: 3, etaMinutes: 5 }))).toBeNull();
      expect(isFinal("SCHEDULED")).toBe(false);
      expect(keepsListening(scheduled())).toBe(true);
      expect(pickupNote(scheduled())).toBeNull();
    });

    it("puts a Scheduled step first, current while scheduled and done once it reached the kitchen", () => {
      const steps = stepsFor(scheduled());
      expect(steps.map((s) => s.key)).toEqual(["SCHEDULED", "PLACED", "QUEUED", "IN_PROGRESS", "READY"]);
      expect(stepIndex("SCHEDULED", steps)).toBe(0);
      expect(stepIndex("QUEUED", steps)).toBe(2);
      expect(stepsFor(scheduled({ status: "QUEUED" }))).toEqual(steps);
      // An order for as soon as possible has the usual four.
      expect(stepsFor(view()).map((s) => s.key)).toEqual(["PLACED", "QUEUED", "IN_PROGRESS", "READY"]);
      expect(stepIndex("SCHEDULED")).toBe(-1);
    });

    it("follows the usual steps once fired, keeping the pickup time, and says nothing of being late", () => {
      const fired = scheduled({ status: "QUEUED", late: true, queuePosition: 2, etaMinutes: 4 });
      expect(headline(fired)).toEqual(headline(view({ status: "QUEUED" })));
      expect(waitText(fired)).toBe("2nd in the queue · about 4 min");
      expect(pickupNote(fired)).toBe("Pickup at 8:15 tomorrow");
      expect(pickupNote(scheduled({ status: "IN_PROGRESS" }))).toBe("Pickup at 8:15 tomorrow");
      expect(pickupNote(scheduled({ status: "READY" }))).toBeNull();
      expect(pickupNote(view({ status: "QUEUED" }))).toBeNull();
      expect(JSON.stringify([headline(fired), waitText(fired), pickupNote(fired)])).not.toMatch(/late|delay|sorry/i);
    });

    it("counts down to the pickup in minutes, rounding up, never below zero", () => {
      const min = 60_000;
      expect(countdownText(65 * min)).toBe("Ready for pickup in 1 h 05 min");
      expect(countdownText(34 * min)).toBe("Ready for pickup in 34 min");
      expect(countdownText(33 * min + 1_000)).toBe("Ready for pickup in 34 min");
      expect(countdownText(59 * min + 30_000)).toBe("Ready for pickup in 1 h 00 min");
      expect(countdownText(12 * 60 * min)).toBe("Ready for pickup in 12 h 00 min");
      expect(countdownText(1_000)).toBe("Ready for pickup in 1 min");
      expect(countdownText(0)).toBe("Ready for pickup any moment now");
      expect(countdownText(-5 * min)).toBe("Ready for pickup any moment now");
    });

    it("books the slot once paid online, and says so", () => {
      const unpaid = scheduled({ status: "AWAITING_PAYMENT", paymentMethod: "ONLINE", paymentStatus: "UNPAID" });
      expect(headline(unpaid).detail).toBe("Your 8:15 tomorrow pickup is booked as soon as it's paid.");
      expect(headline(unpaid, { confirming: true }).detail).toBe("This takes a few seconds. Your 8:15 tomorrow pickup is booked as soon as it's confirmed.");
      expect(stepIndex(unpaid.status, stepsFor(unpaid))).toBe(-1);
      const paid = scheduled({ paymentMethod: "ONLINE", paymentStatus: "PAID" });
      expect(paymentState(paid)).toEqual({ tone: "ok", text: "Paid · scheduled for 8:15 tomorrow" });
      expect(paymentState({ ...paid, status: "PLACED" })).toEqual({ tone: "ok", text: "Paid online" });
      expect(paymentState(scheduled({ paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID" }))).toBeNull();
    });

    it("reads as Scheduled 8:15 in the list of orders", () => {
      expect(shortStatus(scheduled({ pickupLabel: "8:15" }))).toBe("Scheduled 8:15");
      expect(shortStatus(scheduled({ status: "QUEUED" }))).toBe("In the queue");
    });
  });
});
