import { clockNow } from "../clock.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { getKdsBoards } from "../kitchen/get-kds-board.ts";
import { getOrderBoard } from "../kitchen/get-order-board.ts";
import type { KdsBoardData, OrderBoardData } from "../kitchen/kitchen-types.ts";
import { buildOrderStatusView, type OrderStatusView, type OrderSummary } from "../orders/get-order-status.ts";
import { readOrderProgress } from "../orders/read-order-progress.ts";
import { affectsBoards, type BoardChange } from "./board-changes.ts";
import type { OrderChanged } from "./order-listener.ts";
import type { ListenerSubscriber } from "./pg-listener.ts";
import { SharedView, type ViewDelivery } from "./shared-view.ts";

// The three live views of a web process: customers' order status, the kitchen boards
// (per station) and the order board. Each computes once per change for all its screens.

type Listener<C extends OrderChanged | BoardChange> = { subscribe(fn: ListenerSubscriber<C>): () => void };

const isWaiting = (view: OrderStatusView | undefined) => view === undefined || view.status === "PLACED" || view.status === "QUEUED";

export type OrderStatusLiveView = {
  /** A status screen for an order whose fixed part was read on connect; returns its leave function. */
  join(summary: OrderSummary, deliver: ViewDelivery): () => void;
  readonly shared: SharedView<string, OrderStatusView, OrderChanged>;
};

/**
 * Customers' status pages. A change concerns an order's own screens and, while an order
 * waits, every waiting order's screens (its queue position and ETA move): all of them
 * are computed in one statement (readOrderProgress) and combined with the fixed part
 * each order's first screen read on connect.
 */
export function createOrderStatusView(options: {
  prisma: PrismaClient;
  listener: Listener<OrderChanged>;
  intervalMs?: number;
}): OrderStatusLiveView {
  const { prisma } = options;
  const summaries = new Map<string, { summary: OrderSummary; screens: number }>();
  const build = (progress: Awaited<ReturnType<typeof readOrderProgress>>, now: Date) => {
    const views = new Map<string, OrderStatusView>();
    for (const [id, p] of progress) {
      const summary = summaries.get(id)?.summary;
      if (summary) views.set(id, buildOrderStatusView(summary, p, now));
    }
    return views;
  };
  const shared = new SharedView<string, OrderStatusView, OrderChanged>({
    name: "order-status",
    listener: options.listener,
    intervalMs: options.intervalMs,
    // Another order's change moves a waiting order's position and ETA: shown within a
    // second, not with every change in the shop.
    affects: (change, orderId, last) => change.orderId === orderId || (isWaiting(last) && "soon"),
    compute: async (ids) => build(await readOrderProgress({ prisma, ids }), clockNow()),
  });
  return {
    shared,
    join(summary, deliver) {
      const { orderId } = summary;
      const held = summaries.get(orderId);
      if (held) held.screens += 1;
      else summaries.set(orderId, { summary, screens: 1 });
      const first = () => readOrderProgress({ prisma, ids: [orderId] }).then((p) => build(p, clockNow()).get(orderId) ?? null);
      const leave = shared.join(orderId, deliver, first);
      return () => {
        leave();
        const entry = summaries.get(orderId);
        if (entry && --entry.screens === 0) summaries.delete(orderId);
      };
    },
  };
}

/** Kitchen screens, keyed by station (null = the expediter's view of every ticket); times in the store's time zone. */
export function createKdsView(options: { prisma: PrismaClient; listener: Listener<BoardChange>; timeZone: string; intervalMs?: number }) {
  const { prisma, timeZone } = options;
  return new SharedView<string | null, KdsBoardData, BoardChange>({
    name: "kitchen",
    listener: options.listener,
    intervalMs: options.intervalMs,
    affects: (change) => affectsBoards(change),
    // One snapshot for all stations: a ticket never shows on one board and not its station's.
    compute: (stations) => prisma.$transaction((tx) => getKdsBoards({ prisma: tx, stations, timeZone }), { isolationLevel: "RepeatableRead" }),
  });
}

/** The customer-facing order board (one key: every board screen shows the same). */
export function createOrderBoardView(options: { prisma: PrismaClient; listener: Listener<BoardChange>; intervalMs?: number }) {
  const { prisma } = options;
  return new SharedView<"board", OrderBoardData, BoardChange>({
    name: "board",
    listener: options.listener,
    intervalMs: options.intervalMs,
    affects: (change) => affectsBoards(change),
    compute: async () =>
      new Map([["board", await prisma.$transaction((tx) => getOrderBoard({ prisma: tx }), { isolationLevel: "RepeatableRead" })]]),
  });
}
