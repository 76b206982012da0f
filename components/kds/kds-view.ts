import type { KdsSettings, KdsTicket, UpcomingSlot } from "../../lib/kitchen/kitchen-types.ts";

// The kitchen display's rules that need no browser: ticket age colours, the selection
// as tickets come and go, what an action shows before the server confirms it, and the
// cancel and settings forms' checks.

export type TicketPhase = "QUEUED" | "IN_PROGRESS" | "READY_REQUESTED";

/** A bumped ticket stays on the board (dimmed) until the worker marks the order READY. */
export const ticketPhase = (ticket: KdsTicket): TicketPhase => (ticket.readyRequestedAt ? "READY_REQUESTED" : ticket.status);

/** Age since the ticket joined the queue (what the customer has been waiting for the kitchen). */
export const ticketAgeMs = (ticket: KdsTicket, now: number) => Math.max(0, now - Date.parse(ticket.queuedAt ?? ticket.placedAt));

export type AgeLevel = "ok" | "warn" | "late";

export function ageLevel(ageMs: number, settings: Pick<KdsSettings, "warnAfterSeconds" | "lateAfterSeconds">): AgeLevel {
  if (ageMs >= settings.lateAfterSeconds * 1000) return "late";
  if (ageMs >= settings.warnAfterSeconds * 1000) return "warn";
  return "ok";
}

/** "4:07", "1:02:09": a running clock reads better than "4 min" on a ticket that ticks every second. */
export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "8:15 · 3 orders · 5 drinks": one slot of the Upcoming strip. */
export const describeUpcoming = (slot: UpcomingSlot) => `${slot.label} · ${count(slot.orders, "order")} · ${count(slot.drinks, "drink")}`;

/**
 * Which ticket stays selected when the board changes: the same one while it is there;
 * when it leaves (bumped, cancelled), the one that took its place, so pressing Enter
 * repeatedly works down the queue as on a bump bar.
 */
export function keepSelection(previous: readonly KdsTicket[], next: readonly KdsTicket[], selectedId: string | null): string | null {
  if (next.length === 0) return null;
  if (selectedId === null) return next[0]!.id;
  if (next.some((t) => t.id === selectedId)) return selectedId;
  const at = previous.findIndex((t) => t.id === selectedId);
  // The tickets after it, in the old order, that are still here: the first takes its place.
  const stillHere = new Set(next.map((t) => t.id));
  const successor = at < 0 ? undefined : previous.slice(at + 1).find((t) => stillHere.has(t.id));
  return successor?.id ?? next[Math.min(Math.max(at, 0), next.length - 1)]!.id;
}

/** The selection after an arrow key, clamped to the board (no wrapping: a bump bar user counts on the ends). */
export function moveSelection(tickets: readonly KdsTicket[], selectedId: string | null, by: number): string | null {
  if (tickets.length === 0) return null;
  const at = tickets.findIndex((t) => t.id === selectedId);
  const from = at < 0 ? (by > 0 ? -1 : tickets.length) : at;
  return tickets[Math.min(tickets.length - 1, Math.max(0, from + by))]!.id;
}

/** A change the screen shows right away after the server accepted it; null hides the ticket. */
export type TicketOverride = Partial<KdsTicket> | null;

/** The board as the server sent it, with this screen's confirmed actions on top until the next board arrives. */
export function applyOverrides(tickets: readonly KdsTicket[], overrides: ReadonlyMap<string, TicketOverride>): KdsTicket[] {
  if (overrides.size === 0) return tickets as KdsTicket[];
  return tickets.flatMap((t) => {
    if (!overrides.has(t.id)) return [t];
    const patch = overrides.get(t.id);
    return patch === null ? [] : [{ ...t, ...patch }];
  });
}

export const CANCEL_REASONS = ["Out of stock", "Customer asked", "Duplicate order", "Closing soon"] as const;
export const MAX_CANCEL_REASON = 140;

export function cancelReasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (!trimmed) return "Pick a reason or type one: the customer sees it";
  if (trimmed.length > MAX_CANCEL_REASON) return `At most ${MAX_CANCEL_REASON} characters`;
  return null;
}

/** The settings form in minutes (what people think in), and the server's seconds. */
export type SettingsForm = { warnMinutes: string; lateMinutes: string; boardReadyMinutes: string };

const minutes = (seconds: number) => String(Math.round((seconds / 60) * 10) / 10);

export const settingsForm = (s: KdsSettings): SettingsForm => ({
  warnMinutes: minutes(s.warnAfterSeconds),
  lateMinutes: minutes(s.lateAfterSeconds),
  boardReadyMinutes: minutes(s.boardReadySeconds),
});

/** The PATCH body, or the problem with the form in words. */
export function settingsPatch(form: SettingsForm): { ok: true; patch: KdsSettings } | { ok: false; message: string } {
  const seconds = (value: string) => {
    const n = Number(value.trim().replace(",", "."));
    return value.trim() !== "" && Number.isFinite(n) && n > 0 ? Math.round(n * 60) : null;
  };
  const warn = seconds(form.warnMinutes);
  const late = seconds(form.lateMinutes);
  const board = seconds(form.boardReadyMinutes);
  if (warn === null || late === null || board === null) return { ok: false, message: "Each time must be a number of minutes above 0" };
  if (late <= warn) return { ok: false, message: "“Late” must come after “getting old”" };
  return { ok: true, patch: { warnAfterSeconds: warn, lateAfterSeconds: late, boardReadySeconds: board } };
}
