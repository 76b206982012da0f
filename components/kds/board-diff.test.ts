import { describe, expect, it } from "vitest";
import { diffBoard } from "./board-diff.ts";
import { board, cancelled, recent, ticket } from "./test-tickets.ts";

const numbers = (changes: ReturnType<typeof diffBoard>) => ({
  added: changes.added.map((t) => t.ticketNumber),
  cancelled: changes.cancelled.map((t) => t.ticketNumber),
});

describe("board diff", () => {
  it("announces nothing for the first board of the page", () => {
    expect(numbers(diffBoard(null, board([ticket(1)])))).toEqual({ added: [], cancelled: [] });
  });

  it("finds new tickets", () => {
    expect(numbers(diffBoard(board([ticket(1)]), board([ticket(1), ticket(2), ticket(3)])))).toEqual({ added: [2, 3], cancelled: [] });
  });

  it("does not count a reordering (priority) or an update as news", () => {
    const before = board([ticket(1), ticket(2)]);
    const after = board([ticket(2, { prioritizedAt: "2026-01-01T10:01:00.000Z" }), ticket(1, { status: "IN_PROGRESS" })]);
    expect(numbers(diffBoard(before, after))).toEqual({ added: [], cancelled: [] });
  });

  it("treats a ticket that left without being cancelled as done (bumped, or finished at another screen of this station)", () => {
    expect(numbers(diffBoard(board([ticket(1), ticket(2)]), board([ticket(2)], { recent: [recent(1)] })))).toEqual({ added: [], cancelled: [] });
    expect(numbers(diffBoard(board([ticket(1), ticket(2)]), board([ticket(2)])))).toEqual({ added: [], cancelled: [] });
  });

  it("treats a ticket that left and is in the cancellations list as cancelled", () => {
    const changes = diffBoard(board([ticket(1), ticket(2)]), board([ticket(2)], { cancelled: [cancelled(1, { reason: "Out of oat milk" })] }));
    expect(numbers(changes)).toEqual({ added: [], cancelled: [1] });
    expect(changes.cancelled[0]!.reason).toBe("Out of oat milk");
  });

  it("announces a cancellation once: not again on the next board, nor for a ticket this screen never showed", () => {
    const after = board([ticket(2)], { cancelled: [cancelled(1)] });
    expect(numbers(diffBoard(after, board([ticket(2)], { cancelled: [cancelled(1)] })))).toEqual({ added: [], cancelled: [] });
    expect(numbers(diffBoard(board([ticket(2)]), board([ticket(2)], { cancelled: [cancelled(7)] })))).toEqual({ added: [], cancelled: [] });
  });

  it("does not sound for what this screen took off itself", () => {
    const after = board([ticket(2)], { cancelled: [cancelled(1)] });
    expect(numbers(diffBoard(board([ticket(1), ticket(2)]), after, new Set(["id-1"])))).toEqual({ added: [], cancelled: [] });
  });

  it("does not chime for a recalled ticket coming back", () => {
    const before = board([ticket(2)], { recent: [recent(1)] });
    const after = board([ticket(1, { recalledAt: "2026-01-01T10:06:00.000Z", status: "IN_PROGRESS" }), ticket(2)]);
    expect(numbers(diffBoard(before, after))).toEqual({ added: [], cancelled: [] });
  });

  it("finds both at once, after a reconnect for instance", () => {
    expect(numbers(diffBoard(board([ticket(1), ticket(2)]), board([ticket(2), ticket(3)], { cancelled: [cancelled(1)] })))).toEqual({ added: [3], cancelled: [1] });
  });
});
