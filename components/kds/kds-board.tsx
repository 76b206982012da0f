"use client";

import { useEffect, useState } from "react";
import type { KdsBoardData, KdsTicket } from "../../lib/kitchen/kitchen-types.ts";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { useServerNow } from "../live/use-now.ts";
import { AllDayPanel } from "./all-day-panel.tsx";
import { CancelDialog } from "./cancel-dialog.tsx";
import { KdsHeader } from "./kds-header.tsx";
import { PinSwitchDialog, type PinStaff } from "./pin-switch-dialog.tsx";
import type { KdsKeyAction } from "./kds-keys.ts";
import { keepSelection, moveSelection, ticketPhase } from "./kds-view.ts";
import { HelpDialog, KeyLegendBar } from "./key-legend.tsx";
import { RecentStrip } from "./recent-strip.tsx";
import { SettingsDialog } from "./settings-dialog.tsx";
import { TicketCard, type CardAction } from "./ticket-card.tsx";
import { Toasts } from "./toasts.tsx";
import { UpcomingStrip } from "./upcoming-strip.tsx";
import { useKdsBoard } from "./use-kds-board.ts";
import { useKdsKeys } from "./use-kds-keys.ts";
import { useKdsSound } from "./use-kds-sound.ts";
import { WalkUpDialog } from "./walk-up-dialog.tsx";

type Dialog =
  | { kind: "switch" }
  | { kind: "cancel"; ticket: KdsTicket }
  | { kind: "settings" }
  | { kind: "walkUp" }
  | { kind: "help" };

/** The kitchen display: live tickets, their actions by touch or bump bar, and the tools around them. */
export function KdsBoard({
  initial,
  renderedAt,
  storeName,
  staff,
  pinStaff,
}: {
  initial: KdsBoardData;
  renderedAt: string;
  storeName: string;
  /** Who is signed in on this screen (the server names them on what they do). */
  staff: { name: string };
  pinStaff: PinStaff[];
}) {
  const now = useServerNow(renderedAt);
  const sound = useKdsSound();
  const barista = staff.name;
  const kds = useKdsBoard(initial, (changes) => {
    if (changes.cancelled.length > 0) sound.play("cancel");
    else if (changes.added.length > 0) sound.play("new");
  });
  const { tickets, board } = kds;
  const stationView = board.station !== null;

  const [selectedId, setSelectedId] = useState<string | null>(tickets[0]?.id ?? null);
  const [shown, setShown] = useState(tickets);
  if (shown !== tickets) {
    // Adjusted during render (not in an effect) so a bump never shows the selection on a departed ticket.
    setShown(tickets);
    setSelectedId(keepSelection(shown, tickets, selectedId));
  }
  const selected = tickets.find((t) => t.id === selectedId);

  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [allDay, setAllDay] = useState(false);

  const act = (ticket: KdsTicket, action: CardAction) => {
    setSelectedId(ticket.id);
    const phase = ticketPhase(ticket);
    if (phase === "READY_REQUESTED") return;
    if (action === "start") {
      if (phase !== "QUEUED") return;
      void kds.start(ticket, barista);
    } else if (action === "bump") {
      void (stationView ? kds.stationDone(ticket) : kds.ready(ticket));
    } else if (action === "priority") {
      void kds.priority(ticket);
    } else {
      setDialog({ kind: "cancel", ticket });
    }
  };

  useKdsKeys((key: KdsKeyAction) => {
    switch (key.type) {
      case "select":
        if (tickets[key.index]) setSelectedId(tickets[key.index]!.id);
        return;
      case "move":
        return setSelectedId(moveSelection(tickets, selectedId, key.by));
      case "first":
      case "last":
        return setSelectedId(tickets.at(key.type === "first" ? 0 : -1)?.id ?? null);
      case "start":
      case "bump":
      case "priority":
      case "cancel":
        if (selected) act(selected, key.type);
        return;
      case "recall":
        if (board.recent[0]) void kds.recall(board.recent[0]);
        return;
      case "allDay":
        return setAllDay((a) => !a);
      case "counterOrder":
        return setDialog({ kind: "walkUp" });
      case "mute":
        return sound.toggle();
      case "help":
        return setDialog({ kind: "help" });
    }
  });

  // Bump-bar users cannot scroll: keep the selected ticket on screen.
  const selectedNumber = selected?.ticketNumber;
  useEffect(() => {
    if (selectedNumber === undefined) return;
    document.querySelector(`[data-testid="kds-ticket-${selectedNumber}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedNumber]);

  const closeDialog = () => setDialog(null);

  return (
    <div className="flex h-dvh flex-col">
      <KdsHeader
        storeName={storeName}
        openCount={tickets.length}
        stations={board.stations}
        station={board.station}
        stream={kds.stream.state}
        barista={barista}
        sound={sound}
        allDay={allDay}
        onWalkUp={() => setDialog({ kind: "walkUp" })}
        onAllDay={() => setAllDay((a) => !a)}
        onSound={sound.toggle}
        onBarista={() => setDialog({ kind: "switch" })}
        onSettings={() => setDialog({ kind: "settings" })}
        onHelp={() => setDialog({ kind: "help" })}
      />
      <ReconnectingBanner
        stream={kds.stream}
        testId="kds-disconnected"
        loud
        message="Disconnected — reconnecting…"
        note="This board may be out of date until it is back."
      />
      <UpcomingStrip upcoming={board.upcoming} />

      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 overflow-y-auto p-3" aria-label="Tickets">
          {tickets.length === 0 ? (
            <div className="grid h-full min-h-64 place-items-center rounded-3xl border-2 border-dashed border-line text-center">
              <div>
                <p className="text-3xl font-semibold">All caught up</p>
                <p className="mt-1 text-lg text-muted">New orders appear here by themselves{sound.preference === "on" ? ", with a chime" : ""}.</p>
              </div>
            </div>
          ) : (
            <ol className="grid grid-cols-[repeat(auto-fill,minmax(18rem,1fr))] gap-3" data-testid="kds-tickets">
              {tickets.map((ticket, index) => (
                <TicketCard
                  key={ticket.id}
                  ticket={ticket}
                  index={index}
                  now={now}
                  settings={board.settings}
                  selected={ticket.id === selectedId}
                  stationView={stationView}
                  pending={kds.pending[ticket.id]}
                  onSelect={setSelectedId}
                  onAction={act}
                />
              ))}
            </ol>
          )}
        </main>
        {allDay && <AllDayPanel tickets={tickets} onClose={() => setAllDay(false)} />}
      </div>

      <RecentStrip recent={board.recent} pending={kds.pending} onRecall={(r) => void kds.recall(r)} />
      <KeyLegendBar />
      <Toasts toasts={kds.toasts} onDismiss={kds.dismiss} />

      {dialog?.kind === "switch" && <PinSwitchDialog staff={pinStaff} current={barista} onClose={closeDialog} />}
      {dialog?.kind === "cancel" && (
        <CancelDialog ticket={dialog.ticket} onConfirm={(choice) => kds.cancel(dialog.ticket, choice)} onClose={closeDialog} />
      )}
      {dialog?.kind === "settings" && (
        <SettingsDialog
          settings={board.settings}
          soundOn={sound.preference === "on"}
          onSound={(on) => (on !== (sound.preference === "on") ? sound.toggle() : undefined)}
          onSave={kds.saveSettings}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === "walkUp" && <WalkUpDialog onClose={closeDialog} />}
      {dialog?.kind === "help" && <HelpDialog onClose={closeDialog} />}
    </div>
  );
}
