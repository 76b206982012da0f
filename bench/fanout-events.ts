import type { KdsBoardData, OrderBoardData } from "../lib/kitchen/kitchen-types.ts";
import type { OrderStatusView } from "../lib/orders/get-order-status.ts";

// What one stream's events say about commit → client latency. Every view the streams
// carry has the timestamps the committing transaction wrote (queuedAt by the worker's
// markOrdersQueued, startedAt by startOrder, readyAt by markOrderReady: each a JS
// `new Date()` taken just before that statement, on this machine's clock). A change
// that a new event shows is timed as receipt − that timestamp. The first event of a
// stream is the state at connect, not a change, and is never timed.

export type StreamKind = "status" | "kds" | "board";
export type Sample = { what: string; ms: number };

/** Per-stream memory of the previous event; `onEvent` returns the changes it timed. */
export type EventTimer = { onEvent: (event: string, data: unknown, now: number) => Sample[]; finished: boolean };

const since = (iso: string | null, now: number) => (iso ? now - Date.parse(iso) : NaN);

/** A customer's status page: a change of status is timed by the timestamp of the new status. */
function statusTimer(): EventTimer {
  let previous: OrderStatusView | undefined;
  const timer: EventTimer = {
    finished: false,
    onEvent(event, data, now) {
      if (event === "gone") timer.finished = true;
      if (event !== "order") return [];
      const view = data as OrderStatusView;
      const before = previous;
      previous = view;
      if (view.status === "READY" || view.status === "CANCELLED") timer.finished = true;
      if (!before || before.status === view.status) return [];
      const stamp = { QUEUED: view.queuedAt, IN_PROGRESS: view.startedAt, READY: view.readyAt }[view.status as string];
      return stamp ? [{ what: `status ${view.status}`, ms: since(stamp, now) }] : [];
    },
  };
  return timer;
}

/** A kitchen screen: a ticket appearing (queuedAt), being started (startedAt), its bump landing (readyAt). */
function kdsTimer(): EventTimer {
  let tickets: Map<string, string | null> | undefined;
  let ready = new Set<string>();
  return {
    finished: false,
    onEvent(event, data, now) {
      if (event !== "board") return [];
      const board = data as KdsBoardData;
      const first = tickets === undefined;
      const samples: Sample[] = [];
      const nextTickets = new Map<string, string | null>();
      for (const t of board.tickets) {
        nextTickets.set(t.id, t.startedAt);
        if (first) continue;
        if (!tickets!.has(t.id)) samples.push({ what: "kds ticket", ms: since(t.queuedAt, now) });
        if (t.startedAt && !tickets!.get(t.id)) samples.push({ what: "kds started", ms: since(t.startedAt, now) });
      }
      const nextReady = new Set<string>();
      for (const r of board.recent) {
        if (!r.readyAt) continue;
        nextReady.add(r.id);
        if (!first && !ready.has(r.id)) samples.push({ what: "kds ready", ms: since(r.readyAt, now) });
      }
      tickets = nextTickets;
      ready = nextReady;
      return samples;
    },
  };
}

/** The order board: a ticket number appearing among the ready ones (readyAt). */
function boardTimer(): EventTimer {
  let ready: Set<number> | undefined;
  return {
    finished: false,
    onEvent(event, data, now) {
      if (event !== "board") return [];
      const board = data as OrderBoardData;
      const samples: Sample[] = [];
      if (ready) for (const e of board.ready) if (!ready.has(e.ticketNumber)) samples.push({ what: "board ready", ms: since(e.readyAt, now) });
      ready = new Set(board.ready.map((e) => e.ticketNumber));
      return samples;
    },
  };
}

export const eventTimer = (kind: StreamKind): EventTimer => ({ status: statusTimer, kds: kdsTimer, board: boardTimer })[kind]();
