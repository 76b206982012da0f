import { getPrisma } from "../db/prisma.ts";
import { boardChanges } from "./board-changes.ts";
import { createKdsView, createOrderBoardView, createOrderStatusView } from "./live-views.ts";
import { getOrderListener } from "./order-listener.ts";

// One set of live views per web process, shared by every open stream of that process.
// A change is gathered with the others of a short window, so a burst (an order placed,
// queued and started within moments) costs one computation: 50 ms for a customer's own
// order, 100 ms for the kitchen, 250 ms for the board on the TV. Queue positions moved
// by other orders follow within a second (lib/realtime/live-views.ts).
const WINDOW_MS = { orderStatus: 50, kitchen: 100, board: 250 } as const;

type LiveViews = {
  orderStatus: ReturnType<typeof createOrderStatusView>;
  kitchen: ReturnType<typeof createKdsView>;
  board: ReturnType<typeof createOrderBoardView>;
};

const globalForViews = globalThis as unknown as { brewlineLiveViews?: LiveViews };

export function getLiveViews(): LiveViews {
  globalForViews.brewlineLiveViews ??= {
    orderStatus: createOrderStatusView({ prisma: getPrisma(), listener: getOrderListener(), coalesceMs: WINDOW_MS.orderStatus }),
    kitchen: createKdsView({ prisma: getPrisma(), listener: boardChanges, coalesceMs: WINDOW_MS.kitchen }),
    board: createOrderBoardView({ prisma: getPrisma(), listener: boardChanges, coalesceMs: WINDOW_MS.board }),
  };
  return globalForViews.brewlineLiveViews;
}
