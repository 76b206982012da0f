"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { KdsBoardData, KdsSettings, KdsTicket, RecentTicket } from "../../lib/kitchen/kitchen-types.ts";
import { useEventStream } from "../live/use-event-stream.ts";
import { diffBoard, type BoardChanges } from "./board-diff.ts";
import { callApi } from "../api/api-client.ts";
import { stationQuery, ticketUrl } from "./kds-api.ts";
import { applyOverrides, type TicketOverride } from "./kds-view.ts";

export type TicketAction = "start" | "ready" | "station-done" | "priority" | "cancel" | "recall";

/** A cancel the customer is told about with its reason, or one as spam that tells nobody. */
export type CancelChoice = { reason: string } | { spam: true };
export type Toast = { id: number; message: string; tone: "error" | "info" };

const isBoard = (data: unknown): data is KdsBoardData => {
  const b = data as Partial<KdsBoardData> | null;
  return !!b && Array.isArray(b.tickets) && Array.isArray(b.recent) && typeof b.settings === "object" && b.settings !== null;
};

const nowIso = () => new Date().toISOString();

/**
 * The live board and the actions on it. The server's board (initial render, then every
 * SSE `board` event, and a full fetch after a reconnect) is the truth; an action the
 * server accepted shows at once as an override until the next board replaces it.
 */
export function useKdsBoard(initial: KdsBoardData, onChanges: (changes: BoardChanges) => void) {
  const query = stationQuery(initial.station);
  const router = useRouter();
  const [board, setBoard] = useState(initial);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, TicketOverride>>(new Map());
  const [pending, setPending] = useState<Readonly<Record<string, TicketAction>>>({});
  const [toasts, setToasts] = useState<Toast[]>([]);
  // Read synchronously: a double tap arrives before React has re-rendered the button.
  const inFlight = useRef(new Set<string>());
  const takenOff = useRef(new Set<string>());
  const previous = useRef<KdsBoardData | null>(null);

  const receive = useCallback((data: unknown) => {
    if (!isBoard(data)) return;
    setBoard(data);
    setOverrides(new Map());
  }, []);
  const resync = useCallback(() => {
    void callApi(`/api/kds/tickets${query}`).then((result) => {
      if (result.ok) receive(result.data);
    });
  }, [query, receive]);
  const stream = useEventStream(
    `/api/kds/events${query}`,
    // "gone": this station was renamed or removed while the screen watched it.
    { board: receive, gone: () => router.replace("/kds") },
    {
      onReconnect: resync,
      // Signed out (12 hours, or elsewhere) or no longer allowed: the page, loaded again,
      // sends to sign-in. Anything else a retry would not change (an unknown station): the
      // expediter's board.
      onEnded: (status) => (status === 401 || status === 403 ? window.location.reload() : router.replace("/kds")),
    },
  );

  const changesRef = useRef(onChanges);
  useEffect(() => {
    changesRef.current = onChanges;
  });
  const notify = useCallback((message: string, tone: Toast["tone"] = "error") => {
    setToasts((ts) => [...ts.slice(-2), { id: Date.now() + Math.random(), message, tone }]);
  }, []);
  useEffect(() => {
    const changes = diffBoard(previous.current, board, takenOff.current);
    previous.current = board;
    if (changes.added.length === 0 && changes.cancelled.length === 0) return;
    // Someone may be making that drink right now: say which one stopped.
    if (changes.cancelled.length > 0) {
      const what = changes.cancelled.map((t) => `#${t.ticketNumber} (${t.customerName}${t.cancelledBy ? "" : ", by the customer"})${t.reason && t.cancelledBy ? `: ${t.reason}` : ""}`);
      notify(`Cancelled: ${what.join(", ")}`);
    }
    changesRef.current(changes);
  }, [board, notify]);
  const tickets = useMemo(() => applyOverrides(board.tickets, overrides), [board.tickets, overrides]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);

  async function act(id: string, action: TicketAction, body: object, onOk: (data: unknown) => TicketOverride | undefined): Promise<boolean> {
    if (inFlight.current.has(id)) return false;
    inFlight.current.add(id);
    setPending((p) => ({ ...p, [id]: action }));
    const result = await callApi(ticketUrl(id, action), { method: "POST", body });
    inFlight.current.delete(id);
    setPending((p) => {
      const next = { ...p };
      delete next[id];
      return next;
    });
    if (!result.ok) {
      // The session ended (12 hours, or signed out elsewhere): the page sends to sign-in.
      if (result.status === 401) window.location.reload();
      notify(result.message);
      // A refusal (409: someone else got there first) means this screen is behind; so may
      // an answer cut off, whose action may have happened.
      if (result.status === 409 || result.kind === "cut-off") resync();
      return false;
    }
    const override = onOk(result.data);
    if (override !== undefined) setOverrides((o) => new Map(o).set(id, override));
    return true;
  }

  return {
    board,
    tickets,
    stream,
    pending,
    toasts,
    notify,
    dismiss,
    // The server takes the barista from the session; the name here is only shown until the board catches up.
    start: (t: KdsTicket, barista: string) => act(t.id, "start", {}, () => ({ status: "IN_PROGRESS", startedAt: nowIso(), claimedBy: barista })),
    ready: (t: KdsTicket) => act(t.id, "ready", {}, () => ({ readyRequestedAt: t.readyRequestedAt ?? nowIso() })),
    stationDone: (t: KdsTicket) =>
      act(t.id, "station-done", { station: board.station }, (data) => {
        // This station's part is made: the ticket leaves this screen, and that is no cancellation.
        takenOff.current.add(t.id);
        if ((data as { bumped?: unknown } | null)?.bumped === true) notify(`#${t.ticketNumber}: every station is done, so it went to Ready.`, "info");
        return null;
      }),
    priority: (t: KdsTicket) => {
      const priority = t.prioritizedAt === null;
      return act(t.id, "priority", { priority }, () => ({ prioritizedAt: priority ? nowIso() : null }));
    },
    cancel: (t: KdsTicket, choice: CancelChoice) =>
      act(t.id, "cancel", choice, () => {
        takenOff.current.add(t.id);
        return null;
      }),
    recall: (r: RecentTicket) =>
      act(r.id, "recall", {}, () => {
        notify(`#${r.ticketNumber} is back on the board. ${r.customerName} gets no second message.`, "info");
        return undefined;
      }),
    saveSettings: async (patch: Partial<KdsSettings>): Promise<string | null> => {
      const result = await callApi<KdsSettings>("/api/kds/settings", { method: "PATCH", body: patch });
      if (!result.ok) return result.message;
      setBoard((b) => ({ ...b, settings: { ...b.settings, ...result.data } }));
      return null;
    },
  };
}
