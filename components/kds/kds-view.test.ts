import { describe, expect, it } from "vitest";
import {
  ageLevel,
  applyOverrides,
  cancelReasonProblem,
  describeUpcoming,
  formatTimer,
  keepSelection,
  moveSelection,
  settingsForm,
  settingsPatch,
  ticketAgeMs,
  ticketPhase,
  type TicketOverride,
} from "./kds-view.ts";
import { ticket } from "./test-tickets.ts";

const settings = { warnAfterSeconds: 180, lateAfterSeconds: 300 };
const ids = (n: number[]) => n.map((i) => ticket(i));

describe("kitchen display view", () => {
  it("describes an upcoming slot with singulars where they belong", () => {
    const slot = { startsAt: "2026-01-01T08:15:00.000Z", label: "8:15" };
    expect(describeUpcoming({ ...slot, orders: 3, drinks: 5 })).toBe("8:15 · 3 orders · 5 drinks");
    expect(describeUpcoming({ ...slot, orders: 1, drinks: 1 })).toBe("8:15 · 1 order · 1 drink");
  });

  it("tells the phase of a ticket, bumped ones apart", () => {
    expect(ticketPhase(ticket(1))).toBe("QUEUED");
    expect(ticketPhase(ticket(1, { status: "IN_PROGRESS" }))).toBe("IN_PROGRESS");
    expect(ticketPhase(ticket(1, { status: "IN_PROGRESS", readyRequestedAt: "2026-01-01T10:04:00.000Z" }))).toBe("READY_REQUESTED");
  });

  it("ages a ticket from when it was queued, or placed before that", () => {
    const now = Date.parse("2026-01-01T10:02:30.000Z");
    expect(ticketAgeMs(ticket(1), now)).toBe(150_000);
    expect(ticketAgeMs(ticket(1, { queuedAt: null, placedAt: "2026-01-01T10:02:00.000Z" }), now)).toBe(30_000);
    expect(ticketAgeMs(ticket(1, { queuedAt: "2026-01-01T10:03:00.000Z" }), now)).toBe(0);
  });

  it("colours the age by the shop's thresholds", () => {
    expect(ageLevel(179_999, settings)).toBe("ok");
    expect(ageLevel(180_000, settings)).toBe("warn");
    expect(ageLevel(300_000, settings)).toBe("late");
  });

  it("formats the running timer", () => {
    expect(formatTimer(0)).toBe("0:00");
    expect(formatTimer(65_900)).toBe("1:05");
    expect(formatTimer(3_725_000)).toBe("1:02:05");
    expect(formatTimer(-5)).toBe("0:00");
  });

  it("keeps the selection on the same ticket, or moves it to the one that took its place", () => {
    const before = ids([1, 2, 3]);
    expect(keepSelection(before, ids([3, 1, 2]), "id-2")).toBe("id-2");
    expect(keepSelection(before, ids([1, 3]), "id-2")).toBe("id-3");
    // The last one bumped: the new last one.
    expect(keepSelection(before, ids([1, 2]), "id-3")).toBe("id-2");
    // Its successor left too: the next one still there.
    expect(keepSelection(ids([1, 2, 3, 4]), ids([1, 4]), "id-2")).toBe("id-4");
    expect(keepSelection(before, ids([1, 2, 3]), null)).toBe("id-1");
    expect(keepSelection(before, [], "id-1")).toBeNull();
  });

  it("moves the selection without wrapping", () => {
    const tickets = ids([1, 2, 3]);
    expect(moveSelection(tickets, "id-1", 1)).toBe("id-2");
    expect(moveSelection(tickets, "id-3", 1)).toBe("id-3");
    expect(moveSelection(tickets, "id-1", -1)).toBe("id-1");
    expect(moveSelection(tickets, null, 1)).toBe("id-1");
    expect(moveSelection(tickets, null, -1)).toBe("id-3");
    expect(moveSelection([], null, 1)).toBeNull();
  });

  it("shows confirmed actions until the next board, hiding what was taken off", () => {
    const tickets = ids([1, 2, 3]);
    const overrides = new Map<string, TicketOverride>([
      ["id-1", { status: "IN_PROGRESS", claimedBy: "Sam" }],
      ["id-2", null],
      ["id-9", null],
    ]);
    const shown = applyOverrides(tickets, overrides);
    expect(shown.map((t) => t.ticketNumber)).toEqual([1, 3]);
    expect(shown[0]).toMatchObject({ status: "IN_PROGRESS", claimedBy: "Sam" });
    expect(applyOverrides(tickets, new Map())).toBe(tickets);
  });

  it("needs a cancel reason the customer can read", () => {
    expect(cancelReasonProblem("  ")).not.toBeNull();
    expect(cancelReasonProblem("x".repeat(141))).toMatch(/140/);
    expect(cancelReasonProblem("Out of oat milk")).toBeNull();
  });

  it("edits the aging thresholds in minutes and sends seconds", () => {
    expect(settingsForm({ warnAfterSeconds: 180, lateAfterSeconds: 330, boardReadySeconds: 300 })).toEqual({
      warnMinutes: "3",
      lateMinutes: "5.5",
      boardReadyMinutes: "5",
    });
    expect(settingsPatch({ warnMinutes: "2,5", lateMinutes: "6", boardReadyMinutes: "4" })).toEqual({
      ok: true,
      patch: { warnAfterSeconds: 150, lateAfterSeconds: 360, boardReadySeconds: 240 },
    });
    expect(settingsPatch({ warnMinutes: "6", lateMinutes: "5", boardReadyMinutes: "4" }).ok).toBe(false);
    expect(settingsPatch({ warnMinutes: "", lateMinutes: "5", boardReadyMinutes: "4" }).ok).toBe(false);
    expect(settingsPatch({ warnMinutes: "0", lateMinutes: "5", boardReadyMinutes: "4" }).ok).toBe(false);
  });
});
