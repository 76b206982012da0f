"use client";

import type { KdsSettings, KdsTicket } from "../../lib/kitchen/kitchen-types.ts";
import { ageLevel, formatTimer, ticketAgeMs, ticketPhase, type AgeLevel } from "./kds-view.ts";
import { TicketItems } from "./ticket-items.tsx";
import type { TicketAction } from "./use-kds-board.ts";

/** What a button on the card asks for; the board decides (Start may need a name first). */
export type CardAction = "start" | "bump" | "priority" | "cancel";

const AGE_LOOK: Record<AgeLevel, { header: string; border: string; timer: string; label: string }> = {
  ok: { header: "bg-surface-2", border: "border-line", timer: "text-ink", label: "" },
  warn: { header: "bg-warn-soft", border: "border-warn", timer: "text-warn", label: "getting old" },
  late: { header: "bg-danger-soft", border: "border-danger", timer: "text-danger", label: "late" },
};

/** The key that selects the Nth ticket (1–9, then 0 for the 10th). */
const selectKey = (index: number) => (index < 9 ? String(index + 1) : index === 9 ? "0" : null);

export function TicketCard({
  ticket,
  index,
  now,
  settings,
  selected,
  stationView,
  pending,
  onSelect,
  onAction,
}: {
  ticket: KdsTicket;
  index: number;
  now: number;
  settings: KdsSettings;
  selected: boolean;
  /** A station's screen: only its items, and "Done" for its part instead of Ready. */
  stationView: boolean;
  pending: TicketAction | undefined;
  onSelect: (id: string) => void;
  onAction: (ticket: KdsTicket, action: CardAction) => void;
}) {
  const phase = ticketPhase(ticket);
  const age = ticketAgeMs(ticket, now);
  const look = AGE_LOOK[ageLevel(age, settings)];
  const key = selectKey(index);
  const bumpLabel = stationView ? "Done" : "Ready";
  const busy = pending !== undefined;
  const label = (text: string, action: TicketAction) => (pending === action ? "…" : text);
  const n = <span className="sr-only"> #{ticket.ticketNumber}</span>;

  return (
    <li
      data-testid={`kds-ticket-${ticket.ticketNumber}`}
      data-status={phase}
      data-selected={selected ? "true" : "false"}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(ticket.id)}
      className={`flex min-w-0 flex-col overflow-hidden rounded-2xl border-2 bg-surface transition-shadow ${look.border} ${
        selected ? "outline outline-4 outline-offset-2 outline-ink" : ""
      } ${phase === "READY_REQUESTED" ? "border-dashed" : ""}`}
    >
      <div className={`px-4 pb-2.5 pt-3 ${look.header}`}>
        <div className="flex items-center gap-2">
          {key && (
            <kbd aria-hidden="true" className="grid size-7 place-items-center rounded-md border border-line bg-surface font-sans text-sm font-semibold text-muted">
              {key}
            </kbd>
          )}
          <p className="text-5xl font-bold leading-none tracking-tight tabular-nums">#{ticket.ticketNumber}</p>
          <p className={`ml-auto text-right text-3xl font-bold tabular-nums ${look.timer}`} data-testid="kds-age" data-age-level={ageLevel(age, settings)}>
            <span className="sr-only">Waiting </span>
            {formatTimer(age)}
            {look.label && <span className="sr-only"> ({look.label})</span>}
          </p>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <p className="mr-1 min-w-0 truncate text-xl font-semibold">{ticket.customerName}</p>
          {ticket.late && (
            <Badge className="bg-danger text-bg" testId="kds-fired-late" title="Sent to the kitchen late (the shop was down): the customer may already be waiting">
              ⏰ Late<span className="sr-only">: sent to the kitchen after its time, the customer may already be waiting</span>
            </Badge>
          )}
          {ticket.pickupLabel && (
            <Badge className="border border-accent bg-accent-soft text-ink" testId="kds-pickup">
              Pickup {ticket.pickupLabel}
            </Badge>
          )}
          {ticket.prioritizedAt && <Badge className="bg-accent text-accent-ink">⚡ Priority</Badge>}
          {ticket.source === "WALK_UP" && <Badge className="border border-line bg-surface text-ink">Walk-up</Badge>}
          {ticket.recalledAt && <Badge className="border border-warn text-warn">↩ Recalled</Badge>}
        </div>
      </div>

      <p data-testid={ticket.claimedBy ? "kds-claimed-by" : undefined} className={`px-4 pt-2 text-base ${ticket.claimedBy ? "font-semibold text-accent" : "text-muted"}`}>
        {ticket.claimedBy ? `${ticket.claimedBy} is making this` : phase === "QUEUED" ? "Not started" : "In progress"}
      </p>

      <div className="flex-1 px-4 pb-3 pt-2">
        <TicketItems items={ticket.items} showStations={!stationView} />
      </div>

      <div className="space-y-2 border-t border-line px-3 pb-3 pt-3">
        {phase === "READY_REQUESTED" ? (
          <p className="flex min-h-14 items-center justify-center gap-2 rounded-2xl bg-surface-2 text-lg font-semibold text-muted" data-testid="kds-sending">
            <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
            sending to Ready…
          </p>
        ) : (
          <>
            <div className="flex gap-2">
              {phase === "QUEUED" && (
                <button type="button" data-testid="kds-start" disabled={busy} onClick={() => onAction(ticket, "start")} className={`${big} flex-[2] bg-accent text-accent-ink`}>
                  {label("Start", "start")}
                  {n}
                </button>
              )}
              <button
                type="button"
                data-testid={stationView ? "kds-station-done" : "kds-ready"}
                disabled={busy}
                onClick={() => onAction(ticket, "bump")}
                className={`${big} flex-1 ${phase === "QUEUED" ? "border-2 border-ready text-ready" : "bg-ready text-ready-ink"}`}
              >
                {label(bumpLabel, stationView ? "station-done" : "ready")}
                {n}
              </button>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                data-testid="kds-priority"
                aria-pressed={ticket.prioritizedAt !== null}
                disabled={busy}
                onClick={() => onAction(ticket, "priority")}
                className={`${small} flex-1 aria-pressed:border-accent aria-pressed:bg-accent-soft`}
              >
                {label(ticket.prioritizedAt ? "Back in line" : "Priority", "priority")}
                {n}
              </button>
              <button type="button" data-testid="kds-cancel" disabled={busy} onClick={() => onAction(ticket, "cancel")} className={`${small} flex-1 text-danger hover:bg-danger-soft`}>
                {label("Cancel", "cancel")}
                {n}
              </button>
            </div>
          </>
        )}
      </div>
    </li>
  );
}

const big = "min-h-14 rounded-2xl px-3 text-xl font-bold transition active:scale-[0.98] disabled:opacity-50";
const small = "min-h-12 rounded-xl border border-line px-3 text-base font-semibold transition hover:bg-surface-2 disabled:opacity-50";

function Badge({ className, testId, title, children }: { className: string; testId?: string; title?: string; children: React.ReactNode }) {
  return (
    <span data-testid={testId} title={title} className={`rounded-full px-2.5 py-0.5 text-sm font-bold ${className}`}>
      {children}
    </span>
  );
}
