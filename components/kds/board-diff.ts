import type { CancelledTicket, KdsBoardData, KdsTicket } from "../../lib/kitchen/kitchen-types.ts";

// What changed between two successive boards, for the sounds and the "cancelled" notice:
// - a ticket that arrives is new, unless it came back from the bumped list (a recall);
// - a ticket that leaves and is in the board's list of recent cancellations was
//   cancelled (by the customer or another screen), unless this screen cancelled it;
// - anything else that leaves was bumped or finished at this station.

export type BoardChanges = { added: KdsTicket[]; cancelled: CancelledTicket[] };

export function diffBoard(previous: KdsBoardData | null, next: KdsBoardData, expectedGone: ReadonlySet<string> = new Set()): BoardChanges {
  // The first board of a page is what was already there, not news.
  if (!previous) return { added: [], cancelled: [] };
  const before = new Set(previous.tickets.map((t) => t.id));
  const now = new Set(next.tickets.map((t) => t.id));
  const bumped = new Set([...previous.recent, ...next.recent].map((r) => r.id));
  const added = next.tickets.filter((t) => !before.has(t.id) && !bumped.has(t.id) && !t.recalledAt);
  const cancelled = next.cancelled.filter((c) => before.has(c.id) && !now.has(c.id) && !expectedGone.has(c.id));
  return { added, cancelled };
}
