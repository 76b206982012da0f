"use client";

import { useEffect, useState } from "react";
import type { KdsTicket } from "../../lib/kds/list-tickets.ts";
import { formatAge } from "../format.ts";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { useEventStream } from "../live/use-event-stream.ts";

type Action = "start" | "ready";

/** Minutes after which a ticket's age turns amber, then red. */
const SLOW_MS = 5 * 60_000;
const LATE_MS = 10 * 60_000;

export function KdsBoard({ initial, renderedAt }: { initial: KdsTicket[]; renderedAt: string }) {
  const [tickets, setTickets] = useState(initial);
  const [now, setNow] = useState(() => Date.parse(renderedAt));
  const [pending, setPending] = useState<Record<string, Action>>({});
  const [toast, setToast] = useState<string | null>(null);
  const stream = useEventStream("/api/kds/events", {
    board: (data) => setTickets((data as { tickets: KdsTicket[] }).tickets),
  });

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6_000);
    return () => clearTimeout(timer);
  }, [toast]);

  async function act(ticket: KdsTicket, action: Action) {
    if (pending[ticket.id]) return;
    setPending((p) => ({ ...p, [ticket.id]: action }));
    try {
      const response = await fetch(`/api/kds/tickets/${ticket.id}/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      if (response.ok) {
        // The board event follows within moments; show the result right away anyway.
        setTickets((ts) =>
          ts.map((t) =>
            t.id !== ticket.id
              ? t
              : action === "start"
                ? { ...t, status: "IN_PROGRESS", startedAt: new Date().toISOString() }
                : { ...t, readyRequestedAt: t.readyRequestedAt ?? new Date().toISOString() },
          ),
        );
      } else {
        const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setToast(data?.error?.message ?? `That did not work (${response.status}). Try again.`);
      }
    } catch {
      setToast("Can't reach the server. Check the connection and try again.");
    } finally {
      setPending((p) => {
        const next = { ...p };
        delete next[ticket.id];
        return next;
      });
    }
  }

  return (
    <div className="mx-auto max-w-[1600px] px-4 pb-24 pt-5">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          Kitchen <span className="ml-2 text-base font-normal text-muted">{tickets.length} open</span>
        </h1>
        <p className="flex items-center gap-2 text-sm text-muted">
          <span aria-hidden="true" className={`size-2.5 rounded-full ${stream === "live" ? "bg-ready" : "bg-warn animate-pulse"}`} />
          {stream === "live" ? "Live" : "Connecting…"}
        </p>
      </div>
      <ReconnectingBanner state={stream} className="mb-4" />

      {tickets.length === 0 ? (
        <div className="grid min-h-[50dvh] place-items-center rounded-3xl border border-dashed border-line text-center">
          <div>
            <p className="text-2xl font-semibold">All caught up</p>
            <p className="mt-1 text-muted">New orders appear here by themselves.</p>
          </div>
        </div>
      ) : (
        <ol className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-4">
          {tickets.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} now={now} pending={pending[ticket.id]} onAct={act} />
          ))}
        </ol>
      )}

      <div role="alert" className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {toast && (
          <p className="flex max-w-lg items-center gap-3 rounded-2xl bg-danger px-5 py-3 font-medium text-bg shadow-xl">
            {toast}
            <button type="button" onClick={() => setToast(null)} className="min-h-10 rounded-lg px-2 underline" aria-label="Dismiss">
              OK
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

function TicketCard({ ticket, now, pending, onAct }: { ticket: KdsTicket; now: number; pending?: Action; onAct: (t: KdsTicket, a: Action) => void }) {
  const age = now - Date.parse(ticket.queuedAt ?? ticket.placedAt);
  const sending = ticket.readyRequestedAt !== null;
  const started = ticket.status === "IN_PROGRESS";
  const ageClass = age >= LATE_MS ? "bg-danger-soft text-danger" : age >= SLOW_MS ? "bg-warn-soft text-warn" : "bg-surface-2 text-muted";

  return (
    <li
      data-testid={`kds-ticket-${ticket.ticketNumber}`}
      data-status={sending ? "READY_REQUESTED" : ticket.status}
      className={`flex flex-col rounded-3xl border-2 bg-surface p-4 ${started ? "border-accent" : "border-line"} ${sending ? "opacity-70" : ""}`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-4xl font-bold leading-none tabular-nums">#{ticket.ticketNumber}</p>
          <p className="mt-1 truncate text-lg font-medium">{ticket.customerName}</p>
        </div>
        <div className="flex flex-col items-end gap-1.5">
          <span className={`rounded-full px-2.5 py-1 text-sm font-semibold tabular-nums ${ageClass}`} title="Time since it joined the queue">
            {formatAge(age)}
          </span>
          <span className="text-xs font-semibold uppercase tracking-wider text-muted">
            {sending ? "Sending…" : started ? "In progress" : "Queued"}
          </span>
        </div>
      </div>

      <ul className="mt-4 flex-1 space-y-3 border-t border-line pt-3">
        {ticket.items.map((item, i) => (
          <li key={i}>
            <p className="text-lg font-semibold leading-snug">
              <span className="tabular-nums text-accent">{item.quantity}×</span> {item.name}
            </p>
            {item.options.length > 0 && <p className="text-muted">{item.options.join(" · ")}</p>}
            {item.note && <p className="mt-1 rounded-lg bg-warn-soft px-2.5 py-1.5 font-medium text-warn">“{item.note}”</p>}
          </li>
        ))}
      </ul>

      <div className="mt-4">
        {sending ? (
          <p className="flex min-h-16 items-center justify-center gap-2 rounded-2xl bg-surface-2 text-lg font-semibold text-muted" data-testid="kds-sending">
            <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
            sending…
          </p>
        ) : (
          <ActionButton
            action={started ? "ready" : "start"}
            pending={pending}
            onClick={() => onAct(ticket, started ? "ready" : "start")}
          />
        )}
      </div>
    </li>
  );
}

const actionLooks: Record<Action, { label: string; testId: string; colors: string }> = {
  start: { label: "Start", testId: "kds-start", colors: "bg-accent text-accent-ink" },
  ready: { label: "Ready", testId: "kds-ready", colors: "bg-ready text-ready-ink" },
};

function ActionButton({ action, pending, onClick }: { action: Action; pending?: Action; onClick: () => void }) {
  const look = actionLooks[action];
  return (
    <button
      type="button"
      data-testid={look.testId}
      disabled={pending !== undefined}
      onClick={onClick}
      className={`min-h-16 w-full rounded-2xl text-xl font-bold transition active:scale-[0.98] disabled:opacity-60 ${look.colors}`}
    >
      {pending ? "…" : look.label}
    </button>
  );
}
