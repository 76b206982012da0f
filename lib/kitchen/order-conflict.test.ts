import { describe, expect, it } from "vitest";
import { orderConflict } from "./order-conflict.ts";

const message = (...args: Parameters<typeof orderConflict>) => orderConflict(...args).message;

describe("orderConflict", () => {
  it("names the barista who already started the ticket, when known", () => {
    expect(message("start", { ticketNumber: 12, status: "IN_PROGRESS", claimedBy: "Sam" })).toBe("Ticket #12 was already started by Sam");
    expect(message("start", { ticketNumber: 12, status: "IN_PROGRESS", claimedBy: null })).toBe("Ticket #12 was already started");
  });

  it("tells a recall of a ticket on the board whether it was recalled already or never bumped", () => {
    expect(message("recall", { ticketNumber: 3, status: "IN_PROGRESS", recalledAt: new Date(), readyRequestedAt: null })).toBe("Ticket #3 is already back on the board");
    expect(message("recall", { ticketNumber: 3, status: "QUEUED", recalledAt: null, readyRequestedAt: null })).toBe("Ticket #3 has not been bumped");
  });

  it("explains why a ready or cancelled ticket cannot be cancelled", () => {
    expect(message("cancel", { ticketNumber: 5, status: "READY" })).toBe("Ticket #5 is already ready, so it can no longer be cancelled");
    expect(message("cancel", { ticketNumber: 5, status: "CANCELLED" })).toBe("Ticket #5 was already cancelled");
    expect(message("priority", { ticketNumber: 5, status: "CANCELLED" })).toBe("Ticket #5 was cancelled");
    expect(orderConflict("priority", { ticketNumber: 5, status: "PLACED" })).toMatchObject({ code: "CONFLICT", details: { ticketNumber: 5, status: "PLACED" } });
  });
});
